using System.Text.RegularExpressions;
using Gongkai.Reports.Checks;

namespace Gongkai.Reports.Metrics.Tables;

/// <summary>
/// Rebuilds tables that reached us flattened onto one line with their cells run together
/// (<c>一、本年新收政府信息公开申请数量91120023108</c> is 91 | 12 | 0 | 0 | 2 | 3 | 108). The labels are still there and
/// so is each row's digit run; the cell boundaries are recovered from the table's own arithmetic: a 表三 row's
/// 总计 is the sum of its applicant columns, （七）总计 the sum of the outcomes, 一 + 二 = （七） + 四 and a group
/// total the sum of its sub-rows, column by column; a 表四 group's 总计 the sum of its four results. A row's cut is
/// taken only when exactly one satisfies every rule (<see cref="SplitSolver"/>); otherwise the row gets no figures
/// and a <see cref="ProblemCodes.FiguresSplitAmbiguous"/> problem names it. The rebuilt grids are read like any
/// other table, with each figure's offsets pointing at its digits.
/// </summary>
internal static partial class RunTogetherTables
{
    private const int MinLine = 20;

    public static List<TableGrid> Find(ReportDocument document, FigureSet figures, int firstIndex)
    {
        var grids = new List<TableGrid>();
        var match = document.MatchText;
        foreach (var (lineStart, lineEnd, insideGrid) in DocumentLines.Of(document))
        {
            if (!insideGrid && lineEnd - lineStart >= MinLine && MayHoldTable(match.AsSpan(lineStart, lineEnd - lineStart)))
            {
                var pairs = Pairs(document, lineStart, lineEnd);
                var reader = new LineReader(document, figures, grids, firstIndex);
                reader.Table2(pairs);
                reader.Table3(pairs);
                reader.Table4(pairs);
                reader.Statistics(pairs, lineStart, lineEnd);
            }
        }

        return grids;
    }

    private static bool MayHoldTable(ReadOnlySpan<char> line) =>
        line.Contains("本年新收", StringComparison.Ordinal) || line.Contains("信息内容", StringComparison.Ordinal) || line.Contains("结果维持", StringComparison.Ordinal)
        || line.Contains("历年累计", StringComparison.Ordinal);

    /// <summary>
    /// The line as labels, each followed by the digit run after it (if any). A row's ordinal stuck to the figures
    /// before it (<c>00000002.其他…</c>) goes back to its label.
    /// </summary>
    private static List<Pair> Pairs(ReportDocument document, int start, int end)
    {
        var match = document.MatchText;
        var pairs = new List<Pair>();
        var labelStart = start;
        var i = start;
        while (i < end)
        {
            if (!char.IsAsciiDigit(match[i]))
            {
                i++;
                continue;
            }

            var j = i;
            while (j < end && (char.IsAsciiDigit(match[j]) || (match[j] is '.' or ',' && j > i && j + 1 < end && char.IsAsciiDigit(match[j + 1]))))
            {
                j++;
            }

            var runEnd = j;
            if (j < end - 1 && match[j] is '.' or '、' && !char.IsAsciiDigit(match[j + 1]) && !match.AsSpan(i, j - i).ContainsAny('.', ','))
            {
                runEnd = j - 1; // the next row's ordinal
            }

            pairs.Add(new Pair(Trimmed(document, labelStart, i), runEnd > i ? (i, runEnd) : null));
            labelStart = runEnd;
            i = j;
        }

        pairs.Add(new Pair(Trimmed(document, labelStart, end), null));
        return pairs;
    }

    private static (int Start, int End) Trimmed(ReportDocument document, int start, int end)
    {
        var text = document.Text;
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return (start, end);
    }

    private sealed record Pair((int Start, int End) Label, (int Start, int End)? Digits)
    {
        /// <summary>The digits follow their label with nothing between (a cell boundary would leave a space or a <c>|</c>).</summary>
        public bool RunsOn => Digits is { } run && run.Start == Label.End && Label.End > Label.Start;

        public string Normalized(ReportDocument document) =>
            LabelText.Normalize(document.MatchText[Label.Start..Label.End]);
    }

    private enum Role
    {
        New,
        CarriedOver,
        Granted,
        Partial,
        GroupTotal,
        Sub,
        Processed,
        Forward,
    }

    private sealed class LineReader(ReportDocument document, FigureSet figures, List<TableGrid> grids, int firstIndex)
    {
        private string Text(int start, int end) => document.Text[start..end];

        private string Digits((int Start, int End) run) => document.MatchText[run.Start..run.End];

        // ── 表二 ────────────────────────────────────────────────────────────────────────────
        public void Table2(List<Pair> pairs)
        {
            var first = pairs.FindIndex(p => p.Normalized(document) is var n && (n.Contains("第二十条", StringComparison.Ordinal) || n.Contains("信息内容", StringComparison.Ordinal)));
            if (first < 0)
            {
                return;
            }

            List<(int Start, int End)>? measures = null;
            (int Start, int End)? contentLabel = null;
            var rows = new List<TableCell[]>();
            for (var p = first; p < pairs.Count; p++)
            {
                var (labelStart, labelEnd) = pairs[p].Label;
                var label = document.MatchText[labelStart..labelEnd];
                var found = Measure().Matches(label);
                var subjectFrom = labelStart;
                if (found.Count > 0)
                {
                    Flush2(rows);
                    measures = found.Select(m => (labelStart + m.Index, labelStart + m.Index + m.Length)).ToList();
                    var content = label.IndexOf("信息内容", StringComparison.Ordinal);
                    contentLabel = content >= 0 ? (labelStart + content, labelStart + content + 4) : null;
                    rows.Add(HeaderRow(contentLabel, measures));
                    subjectFrom = measures[^1].End;
                }

                var subject = Subject().Match(document.MatchText, subjectFrom, labelEnd - subjectFrom);
                if (!subject.Success)
                {
                    if (found.Count == 0 && !label.Contains("第二十条", StringComparison.Ordinal))
                    {
                        break; // the table has ended
                    }

                    continue;
                }

                if (measures is null || pairs[p].Digits is not { } run || !pairs[p].RunsOn)
                {
                    continue;
                }

                var subjectSpan = (subject.Index, subject.Index + subject.Length);
                var digits = Digits(run);
                var columns = measures.Count;
                DigitSplit? cut;
                if (columns == 1)
                {
                    cut = new DigitSplit([0], [0], digits.Length);
                }
                else
                {
                    var candidates = digits.AsSpan().ContainsAny('.', ',') ? [] : DigitSplits.Enumerate(digits, columns, values => Table2Rule(measures, values));
                    if (candidates.Count > 1)
                    {
                        // The narrative settles it when it states a figure of exactly one cut (本年制发行政规范性文件7件).
                        var subjectWords = document.MatchText[subjectSpan.Item1..subjectSpan.Item2];
                        for (var k = 0; k < columns && candidates.Count > 1; k++)
                        {
                            var column = k;
                            var stated = candidates.Where(c => NarrativeStates(c.Values[column], "件", subjectWords, pairs[p].Label.Start, run.End, MeasureWord(measures[column]))).ToList();
                            candidates = stated.Count > 0 ? stated : candidates;
                        }
                    }

                    cut = candidates.Count == 1 ? candidates[0] : null;
                    if (cut is null)
                    {
                        Ambiguous("表二", Text(subjectSpan.Item1, subjectSpan.Item2), run, candidates.Count);
                    }
                }

                rows.Add(DataRow(subjectSpan, run, cut, columns));
            }

            Flush2(rows);
        }

        // 2021's 本年制发 | 本年废止 | 现行有效: what was issued this year and not repealed is still in force.
        private bool Table2Rule(List<(int Start, int End)> measures, long[] values)
        {
            if (values.Length != 3 || !document.MatchText.AsSpan(measures[2].Start, measures[2].End - measures[2].Start).Contains("现行有效", StringComparison.Ordinal))
            {
                return true;
            }

            return values[2] >= values[0] - values[1];
        }

        private TableCell[] HeaderRow((int Start, int End)? content, List<(int Start, int End)> measures)
        {
            var cells = new TableCell[measures.Count + 1];
            cells[0] = content is { } c ? Cell(c.Start, c.End) : Blank();
            for (var i = 0; i < measures.Count; i++)
            {
                cells[i + 1] = Cell(measures[i].Start, measures[i].End);
            }

            return cells;
        }

        private void Flush2(List<TableCell[]> rows)
        {
            if (rows.Count > 1)
            {
                AddGrid(rows);
            }

            rows.Clear();
        }

        // ── 表三 ────────────────────────────────────────────────────────────────────────────
        public void Table3(List<Pair> pairs)
        {
            var first = pairs.FindIndex(p => p.RunsOn && p.Normalized(document).Contains("本年新收", StringComparison.Ordinal));
            if (first < 0)
            {
                return;
            }

            var header = first > 0 ? pairs[first - 1].Normalized(document) : "";
            var columns = header.Contains("小计", StringComparison.Ordinal) ? 8 : 7;
            var solver = new SplitSolver();
            var rows = new List<(Pair Pair, Role? Role, Table3Group Group, Table3RowDefinition? Definition, int Solver)>();
            var ownCuts = new List<int>();
            var group = Table3Group.None;
            for (var p = first; p < pairs.Count; p++)
            {
                var pair = pairs[p];
                var resolved = Resolve3(pair.Normalized(document), ref group);
                if (resolved is not { } row)
                {
                    break;
                }

                var index = -1;
                if (pair.Digits is { } run && row.Role is not null)
                {
                    var candidates = DigitSplits.Enumerate(Digits(run), columns, values => ApplicantColumnsAddUp(values, columns));
                    index = solver.AddRow(candidates);
                    ownCuts.Add(candidates.Count);
                }

                rows.Add((pair, row.Role, group, row.Definition, index));
            }

            AddEquations3(solver, rows.Where(r => r.Solver >= 0).Select(r => (r.Role!.Value, r.Group, r.Solver)).ToList());
            var cuts = solver.Solve();
            var cells = new List<TableCell[]>();
            foreach (var (pair, _, _, definition, index) in rows)
            {
                if (index >= 0 && cuts[index] is null)
                {
                    Ambiguous("表三", Text(pair.Label.Start, pair.Label.End), pair.Digits!.Value, ownCuts[index] == 0 ? 0 : -1, definition?.Key);
                }

                cells.Add(DataRow(pair.Label, pair.Digits, index >= 0 ? cuts[index] : null, columns));
            }

            AddGrid(cells);
        }

        private static bool ApplicantColumnsAddUp(long[] v, int columns) =>
            columns == 8
                ? v[1] + v[2] + v[3] + v[4] + v[5] == v[6] && v[0] + v[6] == v[7]
                : v[0] + v[1] + v[2] + v[3] + v[4] + v[5] == v[6];

        private static void AddEquations3(SplitSolver solver, List<(Role Role, Table3Group Group, int Index)> rows)
        {
            int? Only(Role role) => rows.Where(r => r.Role == role).Select(r => (int?)r.Index).FirstOrDefault();

            var received = Only(Role.New);
            var carried = Only(Role.CarriedOver);
            var processed = Only(Role.Processed);
            var forward = Only(Role.Forward);
            if (received is { } a && carried is { } b && processed is { } c && forward is { } d)
            {
                solver.AddEquation((a, 1), (b, 1), (c, -1), (d, -1));
            }

            var outcomes = new List<(int, int)>();
            var complete = Only(Role.Granted) is not null && Only(Role.Partial) is not null;
            outcomes.AddRange(rows.Where(r => r.Role is Role.Granted or Role.Partial).Select(r => (r.Index, -1)));
            foreach (var g in new[] { Table3Group.Denied, Table3Group.Unable, Table3Group.NotProcessed, Table3Group.Other })
            {
                var total = rows.Where(r => r.Role == Role.GroupTotal && r.Group == g).Select(r => (int?)r.Index).FirstOrDefault();
                var subs = rows.Where(r => r.Role == Role.Sub && r.Group == g).Select(r => r.Index).ToList();
                if (total is { } t)
                {
                    outcomes.Add((t, -1));
                    if (subs.Count > 0)
                    {
                        solver.AddEquation([(t, 1), .. subs.Select(s => (s, -1))]);
                    }
                }
                else if (subs.Count > 0)
                {
                    outcomes.AddRange(subs.Select(s => (s, -1)));
                }
                else
                {
                    complete = false;
                }
            }

            if (processed is { } total7 && complete)
            {
                solver.AddEquation([(total7, 1), .. outcomes]);
            }
        }

        /// <summary>What a 表三 label is; null when the label is not one of the table's rows (the table has ended).</summary>
        private static (Role? Role, Table3RowDefinition? Definition)? Resolve3(string label, ref Table3Group group)
        {
            var heading = label.IndexOf("本年度办理结果", StringComparison.Ordinal);
            if (heading >= 0)
            {
                label = label[(heading + "本年度办理结果".Length)..];
                if (label.Length == 0)
                {
                    return (null, null);
                }
            }

            foreach (var top in Table3Layout.TopLevel)
            {
                if (LabelText.ContainsAny(label, top.Cues))
                {
                    group = Table3Group.None;
                    var role = top.Key switch
                    {
                        MetricKeys.RequestsNewReceived => Role.New,
                        MetricKeys.RequestsCarriedOver => Role.CarriedOver,
                        MetricKeys.RequestsCarriedForward => Role.Forward,
                        MetricKeys.RequestsProcessedTotal => Role.Processed,
                        MetricKeys.RequestsPartiallyGranted => Role.Partial,
                        _ => Role.Granted,
                    };
                    return (role, top);
                }
            }

            foreach (var total in Table3Layout.GroupTotals)
            {
                if (LabelText.ContainsAny(label, total.Cues))
                {
                    group = total.Group;
                    return (Role.GroupTotal, total);
                }
            }

            if (group != Table3Group.None)
            {
                foreach (var sub in Table3Layout.SubRowsOf(group))
                {
                    if ((sub.Cues.Length > 0 && LabelText.ContainsAny(label, sub.Cues))
                        || (sub.Cues.Length == 0 && LabelText.StripNumbering(label).SequenceEqual("其他")))
                    {
                        return (Role.Sub, sub);
                    }
                }
            }

            return null;
        }

        // ── 表四 ────────────────────────────────────────────────────────────────────────────
        public void Table4(List<Pair> pairs)
        {
            foreach (var pair in pairs)
            {
                if (pair.Digits is not { } run || !pair.RunsOn || !pair.Normalized(document).Contains("结果维持", StringComparison.Ordinal) || run.End - run.Start < 15)
                {
                    continue;
                }

                var solutions = new List<DigitSplit>();
                Groups4(Digits(run), 0, [], solutions);
                if (solutions.Count != 1)
                {
                    Ambiguous("表四", "行政复议、行政诉讼", run, solutions.Count);
                    continue;
                }

                var cut = solutions[0];
                var cells = new TableCell[15];
                for (var i = 0; i < 15; i++)
                {
                    var start = run.Start + cut.Starts[i];
                    cells[i] = Cell(start, start + cut.LengthOf(i));
                }

                AddGrid([cells]);
            }
        }

        // Three groups of five (结果维持, 结果纠正, 其他结果, 尚未审结, 总计), each adding up; stops at two solutions.
        private static void Groups4(string digits, int at, List<(int Offset, DigitSplit Split)> chosen, List<DigitSplit> solutions)
        {
            if (solutions.Count > 1)
            {
                return;
            }

            if (chosen.Count == 3)
            {
                if (at == digits.Length)
                {
                    solutions.Add(new DigitSplit(
                        [.. chosen.SelectMany(c => c.Split.Starts.Select(s => s + c.Offset))],
                        [.. chosen.SelectMany(c => c.Split.Values)],
                        digits.Length));
                }

                return;
            }

            var left = digits.Length - at;
            for (var length = 5; length <= Math.Min(left - (2 - chosen.Count) * 5, 5 * DigitSplits.MaxCellDigits); length++)
            {
                foreach (var split in DigitSplits.Enumerate(digits.Substring(at, length), 5, v => v[0] + v[1] + v[2] + v[3] == v[4]))
                {
                    chosen.Add((at, split));
                    Groups4(digits, at + length, chosen, solutions);
                    chosen.RemoveAt(chosen.Count - 1);
                }
            }
        }

        // ── 统计表 (pre-2019: 指标名称 | 计量单位 | 本年 | 历年累计) ──────────────────────────────────
        public void Statistics(List<Pair> pairs, int lineStart, int lineEnd)
        {
            var first = pairs.FindIndex(p => p.Normalized(document).Contains("历年累计", StringComparison.Ordinal));
            if (first < 0)
            {
                return;
            }

            var rows = new List<TableCell[]> { new[] { Synthetic("指标名称"), Synthetic("计量单位"), Synthetic("本年"), Synthetic("历年累计") } };
            for (var p = first; p < pairs.Count; p++)
            {
                var pair = pairs[p];
                var label = document.MatchText[pair.Label.Start..pair.Label.End];
                if (p == first)
                {
                    // The header's words, then possibly the first row's label: what follows 历年累计.
                    var after = label.IndexOf("历年累计", StringComparison.Ordinal) + "历年累计".Length;
                    label = label[after..];
                    pair = pair with { Label = (pair.Label.Start + after, pair.Label.End) };
                }

                var unit = Unit().Match(label);
                if (!unit.Success || pair.Digits is not { } run || !pair.RunsOn || unit.Index == 0)
                {
                    if (label.Length > 0 && pair.Digits is null)
                    {
                        rows.Add([Cell(pair.Label.Start, pair.Label.End), Blank(), Blank(), Blank()]);
                    }

                    continue;
                }

                var name = (pair.Label.Start, pair.Label.Start + unit.Index);
                var unitSpan = (pair.Label.Start + unit.Index, pair.Label.End);
                var candidates = DigitSplits.Enumerate(Digits(run), 2, v => v[1] >= v[0]);
                if (candidates.Count > 1)
                {
                    // The narrative settles it when it states the year's figure for exactly one cut.
                    var stated = candidates.Where(c => NarrativeStates(c.Values[0], unit.Value, label[..unit.Index], lineStart, lineEnd)).ToList();
                    candidates = stated.Count == 1 ? stated : candidates;
                }

                var cut = candidates.Count == 1 ? candidates[0] : null;
                if (cut is null)
                {
                    Ambiguous("统计表", Text(name.Item1, name.Item2), run, candidates.Count);
                }

                var data = DataRow(name, run, cut, 2);
                rows.Add([data[0], Cell(unitSpan.Item1, unitSpan.Item2), data[1], data[2]]);
            }

            if (rows.Count > 1)
            {
                AddGrid(rows);
            }
        }

        private string MeasureWord((int Start, int End) measure)
        {
            var words = document.MatchText[measure.Start..measure.End];
            return words.Contains("制发", StringComparison.Ordinal) ? "制发"
                : words.Contains("废止", StringComparison.Ordinal) ? "废止"
                : words.Contains("现行有效", StringComparison.Ordinal) ? "现行有效"
                : words.Contains("新制作", StringComparison.Ordinal) ? "制作"
                : words.Contains("新公开", StringComparison.Ordinal) ? "公开"
                : words;
        }

        // A sentence outside the table says “…主动公开…312条”: the figure with its unit, the indicator's first words (and
        // the column's word, when given) in its clause.
        private bool NarrativeStates(long value, string unit, string indicator, int tableStart, int tableEnd, string? measure = null)
        {
            var cue = LabelText.StripNumbering(LabelText.Normalize(indicator)).ToString();
            cue = cue.StartsWith("其中", StringComparison.Ordinal) ? cue[2..] : cue;
            cue = cue.Length > 4 ? cue[..4] : cue;
            if (cue.Length < 2)
            {
                return false;
            }

            var text = document.MatchText;
            var written = value.ToString(System.Globalization.CultureInfo.InvariantCulture) + unit;
            for (var at = text.IndexOf(written, StringComparison.Ordinal); at >= 0; at = text.IndexOf(written, at + 1, StringComparison.Ordinal))
            {
                if ((at >= tableStart && at < tableEnd) || (at > 0 && (char.IsAsciiDigit(text[at - 1]) || text[at - 1] == '.')))
                {
                    continue;
                }

                var clauseStart = Math.Max(0, text.LastIndexOfAny(['，', ',', '。', '；', ';', '\n'], Math.Max(0, at - 1)) + 1);
                var clause = LabelText.Normalize(text[clauseStart..at]);
                if (clause.Contains(cue, StringComparison.Ordinal) && (measure is null || clause.Contains(measure, StringComparison.Ordinal)))
                {
                    return true;
                }
            }

            return false;
        }

        private static TableCell Synthetic(string text) => new(0, 0, text, text, 1, 1, true, -1);

        // ── grids ───────────────────────────────────────────────────────────────────────────
        private TableCell[] DataRow((int Start, int End) label, (int Start, int End)? run, DigitSplit? cut, int columns)
        {
            var cells = new TableCell[columns + 1];
            cells[0] = Cell(label.Start, label.End);
            for (var i = 0; i < columns; i++)
            {
                if (cut is not null && run is { } r)
                {
                    var start = r.Start + cut.Starts[i];
                    cells[i + 1] = Cell(start, start + cut.LengthOf(i));
                }
                else
                {
                    cells[i + 1] = Blank();
                }
            }

            return cells;
        }

        private TableCell Cell(int start, int end) => new(0, 0, document.Text[start..end], document.MatchText[start..end], 1, 1, true, start);

        private static TableCell Blank() => new(0, 0, "", "", 1, 1, true, -1);

        private void AddGrid(List<TableCell[]> rows)
        {
            if (rows.Count == 0)
            {
                return;
            }

            var columns = rows.Max(r => r.Length);
            var grid = new TableCell[rows.Count, columns];
            int start = int.MaxValue, end = 0;
            for (var r = 0; r < rows.Count; r++)
            {
                for (var c = 0; c < columns; c++)
                {
                    var cell = c < rows[r].Length ? rows[r][c] : Blank();
                    grid[r, c] = cell with { Row = r, Column = c };
                    if (cell.TextStart >= 0)
                    {
                        start = Math.Min(start, cell.TextStart);
                        end = Math.Max(end, cell.TextStart + cell.Text.Length);
                    }
                }
            }

            grids.Add(new TableGrid(firstIndex + grids.Count, grid, start == int.MaxValue ? 0 : start, end));
        }

        private void Ambiguous(string table, string row, (int Start, int End) run, int cuts, string? key = null)
        {
            var digits = Digits(run);
            var why = cuts switch
            {
                0 => "no cut of them satisfies the table's arithmetic",
                > 1 => $"{cuts} cuts satisfy every rule the table states",
                _ => "more than one cut satisfies every rule the table states",
            };
            figures.Problem(
                ProblemCodes.FiguresSplitAmbiguous,
                $"{table} row “{row}”: its figures ran together (“{digits}”) and {why}; none is taken.",
                key,
                run.Start,
                run.End);
        }
    }

    [GeneratedRegex(@"本年制发件数|本年废止件数|现行有效件数|本年处理决定数量|本年收费金额(?:\(单位:万元\)|\(万元\))?|本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量|本年增/减|本年增减|处理决定数量|采购项目数量|采购总金额(?:\(单位:万元\)|\(万元\))?", RegexOptions.CultureInvariant)]
    private static partial Regex Measure();

    [GeneratedRegex(@"(?:人次|万元|条|件|个|次|项|份|宗|起|元|人|篇|期)$", RegexOptions.CultureInvariant)]
    private static partial Regex Unit();

    [GeneratedRegex(@"(?:行政规范性文件|规范性文件|规章|行政许可|其他对外管理服务事项|行政处罚|行政强制|行政事业性收费|政府集中采购)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Subject();
}
