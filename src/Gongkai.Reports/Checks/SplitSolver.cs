namespace Gongkai.Reports.Checks;

/// <summary>
/// Chooses, for rows whose cells ran together, the cuts that satisfy the table's own arithmetic between rows
/// (表三: 一 + 二 = （七） + 四 and （七） = the outcomes, column by column; a group's total = its sub-rows). Each row
/// comes with the cuts its own rule allows; the solver searches every combination (pruned by the range each
/// equation can still reach) and keeps a row's cut only when every combination that satisfies all equations uses
/// that same cut. A row left with several is ambiguous and gets no figures.
/// </summary>
internal sealed class SplitSolver
{
    private const int NodeBudget = 200_000;
    private const int MaxSolutions = 64;

    private readonly List<List<DigitSplit>> rows = [];
    private readonly List<(int Row, int Sign)[]> equations = [];

    public int AddRow(List<DigitSplit> candidates)
    {
        rows.Add(candidates);
        return rows.Count - 1;
    }

    /// <summary>Σ sign × row = 0, in every column.</summary>
    public void AddEquation(params (int Row, int Sign)[] terms) => equations.Add(terms);

    /// <summary>The cut chosen for each row, or null where the arithmetic leaves more than one (or none).</summary>
    public DigitSplit?[] Solve()
    {
        var chosen = new DigitSplit?[rows.Count];
        var seen = new HashSet<int>[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            seen[r] = [];
        }

        var search = new Search(rows, equations, seen);
        var complete = search.Run();
        for (var r = 0; r < rows.Count; r++)
        {
            if (complete && search.Solutions > 0)
            {
                chosen[r] = seen[r].Count == 1 ? rows[r][seen[r].First()] : null;
            }
            else
            {
                // No combination fits (the table contradicts itself) or too many to tell: only a row whose own rule
                // allows a single cut is taken; the table checks then report what does not add up.
                chosen[r] = rows[r].Count == 1 ? rows[r][0] : null;
            }
        }

        return chosen;
    }

    private sealed class Search(List<List<DigitSplit>> rows, List<(int Row, int Sign)[]> equations, HashSet<int>[] seen)
    {
        private readonly int[] assignment = Enumerable.Repeat(-1, rows.Count).ToArray();
        private readonly int columns = rows.Where(r => r.Count > 0).Select(r => r[0].Values.Length).DefaultIfEmpty(0).Max();
        private readonly long[][] min = rows.Select(r => Bound(r, Math.Min)).ToArray();
        private readonly long[][] max = rows.Select(r => Bound(r, Math.Max)).ToArray();
        private int nodes;

        public int Solutions { get; private set; }

        public bool Run()
        {
            if (rows.Any(r => r.Count == 0))
            {
                return false;
            }

            var order = Enumerable.Range(0, rows.Count).OrderBy(r => rows[r].Count).ToArray();
            return Visit(order, 0);
        }

        // False when the budget ran out or enough solutions were seen to stop caring.
        private bool Visit(int[] order, int depth)
        {
            if (++nodes > NodeBudget)
            {
                return false;
            }

            if (depth == order.Length)
            {
                Solutions++;
                for (var r = 0; r < rows.Count; r++)
                {
                    seen[r].Add(assignment[r]);
                }

                return Solutions < MaxSolutions;
            }

            var row = order[depth];
            for (var k = 0; k < rows[row].Count; k++)
            {
                assignment[row] = k;
                if (Feasible() && !Visit(order, depth + 1))
                {
                    assignment[row] = -1;
                    return false;
                }
            }

            assignment[row] = -1;
            return true;
        }

        private bool Feasible()
        {
            foreach (var terms in equations)
            {
                for (var c = 0; c < columns; c++)
                {
                    long low = 0, high = 0;
                    foreach (var (row, sign) in terms)
                    {
                        if (assignment[row] >= 0)
                        {
                            var v = sign * rows[row][assignment[row]].Values[c];
                            low += v;
                            high += v;
                            continue;
                        }

                        low += sign > 0 ? min[row][c] : -max[row][c];
                        high += sign > 0 ? max[row][c] : -min[row][c];
                    }

                    if (low > 0 || high < 0)
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static long[] Bound(List<DigitSplit> candidates, Func<long, long, long> pick)
        {
            if (candidates.Count == 0)
            {
                return [];
            }

            var bound = (long[])candidates[0].Values.Clone();
            foreach (var candidate in candidates)
            {
                for (var c = 0; c < bound.Length; c++)
                {
                    bound[c] = pick(bound[c], candidate.Values[c]);
                }
            }

            return bound;
        }
    }
}
