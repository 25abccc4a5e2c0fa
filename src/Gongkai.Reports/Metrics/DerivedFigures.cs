using Gongkai.Reports.Metrics.Tables;
using Gongkai.Reports.Numbers;

namespace Gongkai.Reports.Metrics;

/// <summary>
/// Figures the report states only through their parts: a 表三 group total when the table lists just the sub-rows,
/// the two 行政诉讼 groups of 表四 summed into <c>litigation.*</c>, the applicant breakdown of 表三's row 一 under
/// <c>requests.by_applicant.*</c>, and 法人 + 其他组织 from a narrative. A figure the report states is never replaced.
/// </summary>
internal static class DerivedFigures
{
    private static readonly string?[] Columns = [null, .. MetricKeys.ApplicantSuffixes, MetricKeys.LegalSubtotalSuffix];

    public static void Add(FigureSet figures, bool fromTable3)
    {
        foreach (var suffix in Columns)
        {
            foreach (var total in Table3Layout.GroupTotals)
            {
                var key = MetricKeys.WithSuffix(total.Key, suffix);
                var subs = Table3Layout.SubRowsOf(total.Group).Select(s => MetricKeys.WithSuffix(s.Key, suffix)).ToList();
                if (!figures.Contains(key) && subs.Count > 0 && subs.All(figures.Contains))
                {
                    Sum(figures, key, subs, $"the sum of the sub-rows of {total.LabelZh}");
                }
            }
        }

        foreach (var outcome in MetricKeys.ReviewOutcomes)
        {
            var parts = new[] { "litigation.direct." + outcome, "litigation.after_reconsideration." + outcome };
            if (parts.All(figures.Contains))
            {
                Sum(figures, "litigation." + outcome, parts, "未经复议直接起诉 + 复议后起诉");
            }
        }

        if (fromTable3)
        {
            Copy(figures, MetricKeys.ByApplicantNaturalPerson, MetricKeys.RequestsNewReceived + ":natural_person");
            if (!Copy(figures, MetricKeys.ByApplicantLegalTotal, MetricKeys.RequestsNewReceived + ":" + MetricKeys.LegalSubtotalSuffix))
            {
                var legal = MetricKeys.ApplicantSuffixes.Skip(1).Select(s => MetricKeys.RequestsNewReceived + ":" + s).ToList();
                if (legal.All(figures.Contains))
                {
                    Sum(figures, MetricKeys.ByApplicantLegalTotal, legal, "the five 法人或其他组织 columns of 一、本年新收");
                }
            }

            Copy(figures, MetricKeys.RequestsNotExist, MetricKeys.RequestsUnableNotHeld);
        }
        else
        {
            var parts = new[] { "requests.by_applicant.legal_person", "requests.by_applicant.other_org" };
            if (parts.All(figures.Contains))
            {
                Sum(figures, MetricKeys.ByApplicantLegalTotal, parts, "法人 + 其他组织");
            }
        }
    }

    private static bool Copy(FigureSet figures, string key, string from)
    {
        if (figures.Contains(key) || !figures.Metrics.TryGetValue(from, out var source))
        {
            return false;
        }

        figures.Add(key, source.Value, source.Provenance);
        return true;
    }

    private static void Sum(FigureSet figures, string key, IReadOnlyList<string> parts, string how)
    {
        var value = parts.Sum(k => figures.Get(k)!.Value);
        figures.Add(key, value, new MetricProvenance
        {
            Kind = ProvenanceKinds.Derived,
            Section = figures.Metrics[parts[0]].Provenance.Section,
            Table = figures.Metrics[parts[0]].Provenance.Table,
            Note = $"not written as such: {how} ({string.Join(" + ", parts.Select(k => NumberReader.Format(figures.Get(k)!.Value)))})",
        });
    }
}
