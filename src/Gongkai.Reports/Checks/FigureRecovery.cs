using Gongkai.Reports.Metrics;
using Gongkai.Reports.Numbers;

namespace Gongkai.Reports.Checks;

/// <summary>
/// Works out damaged figures (mis-decoded cells) from a rule whose other figures are all known: when
/// 总计 = a + b + c and only b is damaged, b = 总计 − a − c. Only whole, non-negative results are accepted, and
/// a second rule must not contradict the result. Figures that stay unknown are reported as damaged.
/// </summary>
internal static class FigureRecovery
{
    public static void Recover(FigureSet figures)
    {
        if (figures.Damaged.Count == 0)
        {
            return;
        }

        var progress = true;
        while (progress && figures.Damaged.Count > 0)
        {
            progress = false;
            var equations = ConsistencyRules.For(figures);
            foreach (var equation in equations)
            {
                string? unknown = null;
                var solvable = true;
                foreach (var key in equation.Keys)
                {
                    if (figures.Contains(key))
                    {
                        continue;
                    }

                    if (figures.Damaged.ContainsKey(key) && unknown is null)
                    {
                        unknown = key;
                        continue;
                    }

                    solvable = false;
                    break;
                }

                if (!solvable || unknown is null)
                {
                    continue;
                }

                var onLeft = equation.Left.Contains(unknown);
                var left = equation.Left.Where(k => k != unknown).Sum(k => figures.Get(k)!.Value);
                var right = equation.Right.Where(k => k != unknown).Sum(k => figures.Get(k)!.Value);
                var value = onLeft ? right - left : left - right;
                if (value < 0 || value != decimal.Truncate(value))
                {
                    continue;
                }

                var damaged = figures.Damaged[unknown];
                var others = string.Join(", ", equation.Keys.Where(k => k != unknown).Select(k => $"{k} = {NumberReader.Format(figures.Get(k)!.Value)}"));
                var note = $"the figure reads “{damaged.Text}”, which is damaged; recovered as {NumberReader.Format(value)} from the rule {equation.Description} ({others}).";
                figures.Replace(unknown, value, damaged with { Kind = ProvenanceKinds.Recovered, Note = note });
                figures.Problem(ProblemCodes.FiguresRecovered, $"{unknown}: {note}", unknown, damaged.Start, damaged.End);
                progress = true;
                break;
            }
        }

        foreach (var (key, provenance) in figures.Damaged)
        {
            figures.Problem(
                ProblemCodes.FiguresDamaged,
                $"{key}: the figure reads “{provenance.Text}”, which is not a readable number, and the figures around it do not determine it; left out.",
                key,
                provenance.Start,
                provenance.End);
        }
    }
}
