using Gongkai.Reports.Metrics;
using Gongkai.Reports.Metrics.Tables;

namespace Gongkai.Reports.Checks;

/// <summary>
/// The consistency rules of the 2019+ tables (DOMAIN.md): 表三's 一 + 二 = 三（七） + 四 and （七） = （一）…（六）
/// per column, each group total = its sub-rows, 总计 = the applicant columns per row, 小计 = the five 法人 columns;
/// 表四's group 总计 = the four outcomes.
/// </summary>
internal static class ConsistencyRules
{
    private static readonly string?[] Columns = [null, .. MetricKeys.ApplicantSuffixes, MetricKeys.LegalSubtotalSuffix];

    /// <summary>
    /// The rules with every 表三 group counted through its total (stated or derived from its sub-rows): the form the
    /// checks use once recovery and derivation are done. Built once.
    /// </summary>
    public static IReadOnlyList<Equation> WithGroupTotals { get; } = Build(static _ => true);

    /// <summary>The rules for recovery: a group without a total counts through its sub-rows, which may be damaged.</summary>
    public static List<Equation> For(FigureSet figures) =>
        Build(key => figures.Contains(key) || figures.Damaged.ContainsKey(key));

    private static List<Equation> Build(Func<string, bool> known)
    {
        var equations = new List<Equation>(160);

        foreach (var suffix in Columns)
        {
            string K(string key) => MetricKeys.WithSuffix(key, suffix);
            var column = suffix is null ? "总计" : suffix;
            equations.Add(new Equation(
                ProblemCodes.Table3Balance,
                $"表三 {column}: 一、本年新收 + 二、上年结转 = 三（七）总计 + 四、结转下年度",
                [K(MetricKeys.RequestsNewReceived), K(MetricKeys.RequestsCarriedOver)],
                [K(MetricKeys.RequestsProcessedTotal), K(MetricKeys.RequestsCarriedForward)]));

            var outcomes = new List<string> { K(MetricKeys.RequestsGranted), K(MetricKeys.RequestsPartiallyGranted) };
            foreach (var total in Table3Layout.GroupTotals)
            {
                var subs = Table3Layout.SubRowsOf(total.Group).Select(s => K(s.Key)).ToList();
                if (known(K(total.Key)) || !subs.Any(known))
                {
                    outcomes.Add(K(total.Key));
                }
                else
                {
                    outcomes.AddRange(subs);
                }

                if (subs.Count > 0 && known(K(total.Key)) && subs.Any(known))
                {
                    equations.Add(new Equation(
                        ProblemCodes.Table3SubRows,
                        $"表三 {column}: {total.LabelZh} = the sum of its numbered sub-rows",
                        [K(total.Key)],
                        subs));
                }
            }

            equations.Add(new Equation(
                ProblemCodes.Table3OutcomesTotal,
                $"表三 {column}: （七）总计 = （一）予以公开 + （二）部分公开 + （三）+（四）+（五）+（六）",
                [K(MetricKeys.RequestsProcessedTotal)],
                outcomes));
        }

        foreach (var row in Table3Layout.All)
        {
            var applicants = MetricKeys.ApplicantSuffixes.Select(s => row.Key + ":" + s).ToList();
            equations.Add(new Equation(
                ProblemCodes.Table3ApplicantColumns,
                $"表三 {row.LabelZh}: 总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他",
                [row.Key],
                applicants));
            equations.Add(new Equation(
                ProblemCodes.Table3ApplicantColumns,
                $"表三 {row.LabelZh}: 小计 = 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他",
                [row.Key + ":" + MetricKeys.LegalSubtotalSuffix],
                applicants.Skip(1).ToList()));
        }

        foreach (var (group, zh) in new[] { ("reconsideration", "行政复议"), ("litigation.direct", "行政诉讼 未经复议直接起诉"), ("litigation.after_reconsideration", "行政诉讼 复议后起诉"), ("litigation", "行政诉讼") })
        {
            equations.Add(new Equation(
                ProblemCodes.Table4GroupTotal,
                $"表四 {zh}: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
                [group + ".total"],
                [group + ".upheld", group + ".corrected", group + ".other", group + ".pending"]));
        }

        return equations;
    }
}
