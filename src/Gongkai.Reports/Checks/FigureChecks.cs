using Gongkai.Reports.Metrics;
using Gongkai.Reports.Metrics.Sentences;
using Gongkai.Reports.Numbers;

namespace Gongkai.Reports.Checks;

/// <summary>Runs the consistency rules over the figures and reports each failure with its own code.</summary>
internal static class FigureChecks
{
    private static readonly string[] NarrativeOutcomes =
    [
        MetricKeys.RequestsGranted, MetricKeys.RequestsPartiallyGranted, MetricKeys.RequestsDeniedTotal,
        MetricKeys.RequestsAlreadyPublic, MetricKeys.RequestsNotExist, MetricKeys.RequestsNotThisAgency,
        MetricKeys.RequestsAskedToAmend, MetricKeys.RequestsReferredElsewhere,
    ];

    public static void CheckTables(FigureSet figures)
    {
        foreach (var equation in ConsistencyRules.WithGroupTotals)
        {
            if (!AllKnown(equation.Keys, figures))
            {
                continue;
            }

            var left = equation.Left.Sum(k => figures.Get(k)!.Value);
            var right = equation.Right.Sum(k => figures.Get(k)!.Value);
            if (left == right)
            {
                continue;
            }

            // Rules whose figures were all derived from the same cells hold by construction; only written figures count.
            if (equation.Keys.All(k => figures.Metrics[k].Provenance.Kind == ProvenanceKinds.Derived))
            {
                continue;
            }

            figures.Problem(
                equation.Code,
                $"{equation.Description} fails: {Sum(equation.Left, figures)} = {NumberReader.Format(left)} but {Sum(equation.Right, figures)} = {NumberReader.Format(right)}.",
                equation.Left[0]);
        }
    }

    /// <summary>Pre-2019 narrative checks: outcomes within what was received; percentages against the counts.</summary>
    public static void CheckNarrative(FigureSet figures, IReadOnlyList<StatedPercentage> percentages)
    {
        if (figures.TryGet(MetricKeys.RequestsNewReceived, out var received))
        {
            var available = received + (figures.Get(MetricKeys.RequestsCarriedOver) ?? 0);
            var stated = NarrativeOutcomes.Where(figures.Contains).ToList();
            var outcomes = stated.Sum(k => figures.Get(k)!.Value);
            if (stated.Count > 0 && outcomes > available)
            {
                figures.Problem(
                    ProblemCodes.OutcomesExceedReceived,
                    $"The outcomes stated ({Sum(stated, figures)} = {NumberReader.Format(outcomes)}) exceed the requests received{(available != received ? " and carried over" : "")} ({NumberReader.Format(available)}); one of the figures is probably misread.",
                    MetricKeys.RequestsNewReceived);
            }

            if (figures.TryGet(MetricKeys.RequestsProcessedTotal, out var processed) && processed > available)
            {
                figures.Problem(
                    ProblemCodes.OutcomesExceedReceived,
                    $"{MetricKeys.RequestsProcessedTotal} = {NumberReader.Format(processed)} exceeds the requests received{(available != received ? " and carried over" : "")} ({NumberReader.Format(available)}).",
                    MetricKeys.RequestsProcessedTotal);
            }
        }

        foreach (var p in percentages)
        {
            var bases = new List<decimal>(4);
            foreach (var key in new[] { MetricKeys.RequestsProcessedTotal, MetricKeys.RequestsNewReceived })
            {
                if (figures.TryGet(key, out var b) && b > 0 && key != p.Key)
                {
                    bases.Add(b);
                }
            }

            if (figures.TryGet(MetricKeys.RequestsNewReceived, out var r) && figures.TryGet(MetricKeys.RequestsCarriedOver, out var c) && r + c > 0)
            {
                bases.Add(r + c);
            }

            if (p.Key == MetricKeys.RequestsProcessedTotal && figures.TryGet(MetricKeys.RequestsNewReceived, out var nr) && nr > 0)
            {
                bases.Add(nr);
            }

            if (bases.Count == 0 || !p.Key.StartsWith("requests.", StringComparison.Ordinal))
            {
                continue;
            }

            var tolerance = Tolerance(p.Percent);
            if (bases.Any(b => Math.Abs(p.Count / b * 100m - p.Percent) <= tolerance))
            {
                continue;
            }

            figures.Problem(
                ProblemCodes.PercentageMismatch,
                $"{p.Key} = {NumberReader.Format(p.Count)} is said to be {NumberReader.Format(p.Percent)}%, which matches none of the totals it could be a share of ({string.Join(", ", bases.Distinct().Select(b => $"{NumberReader.Format(p.Count / b * 100m, 2)}% of {NumberReader.Format(b)}"))}).",
                p.Key,
                p.Start,
                p.End);
        }
    }

    // Half a unit in the last written decimal place, plus the same again for writers who truncate instead of rounding.
    private static decimal Tolerance(decimal percent)
    {
        var scale = (decimal.GetBits(percent)[3] >> 16) & 0xFF;
        var unit = 1m;
        for (var i = 0; i < scale; i++)
        {
            unit /= 10;
        }

        return unit + 0.001m;
    }

    private static bool AllKnown(IReadOnlyList<string> keys, FigureSet figures)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (!figures.Contains(keys[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string Sum(IEnumerable<string> keys, FigureSet figures) =>
        string.Join(" + ", keys.Select(k => $"{k} {NumberReader.Format(figures.Get(k)!.Value)}"));
}
