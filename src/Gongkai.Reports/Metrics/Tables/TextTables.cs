using Gongkai.Reports.Numbers;

namespace Gongkai.Reports.Metrics.Tables;

/// <summary>
/// Finds tables that reached us as plain lines (a PDF or Word text copy: “一、本年新收政府信息公开申请数量 91 12 0 0 2 3 108”)
/// and builds grids from them, so the table readers read them like markup tables. A line counts when a label is
/// followed by figures separated by spaces or tabs; a run of such lines (with short label-only lines between them,
/// like “（三）不予公开”) becomes one grid, its figures aligned on the right.
/// </summary>
internal static class TextTables
{
    private const int MaxLabelOnlyLine = 40;

    // 表三 has at most eight figure columns (with a 小计); a longer run of figures is a row of its own (表四's fifteen).
    private const int MaxLabelledFigures = 9;
    private const int MaxFiguresPerRow = 15;

    public static List<TableGrid> Find(ReportDocument document, int firstIndex)
    {
        var grids = new List<TableGrid>();
        var run = new List<Line>();
        foreach (var line in LogicalLines(document))
        {
            if (line is { Figures: > 0 } or { IsHeader: true })
            {
                run.Add(line);
            }
            else if (line is not null && run.Count > 0 && line.Cells.Count == 1 && line.End - line.Start <= MaxLabelOnlyLine)
            {
                run.Add(line);
            }
            else
            {
                Flush(run, grids, firstIndex);
            }
        }

        Flush(run, grids, firstIndex);
        return grids;
    }

    /// <summary>
    /// The document's lines outside markup tables (null for a line that cannot be part of a table), with the
    /// shapes a lost table takes put back together: figures on the line after their label, one cell per line
    /// (“规章” then “0”, “0”, “2”), and column headers one per line before the first row they head.
    /// </summary>
    private static List<Line?> LogicalLines(ReportDocument document)
    {
        var text = document.Text;
        var match = document.MatchText;
        var lines = new List<Line?>();
        foreach (var (lineStart, lineEnd, insideGrid) in DocumentLines.Of(document))
        {
            var line = insideGrid ? null : Split(text, match, lineStart, lineEnd);
            if (line is not null || insideGrid || !IsBlank(match, lineStart, lineEnd))
            {
                var previous = lines.Count > 0 ? lines[^1] : null;
                if (line is { Figures: 1, Cells.Count: 1 } && previous is { IsLoneRun: true } && previous.Figures < MaxFiguresPerRow)
                {
                    lines[^1] = previous.Extend(line with { IsLoneRun = true }); // one figure per line: the cells of one row
                }
                else
                {
                    lines.Add(line is { Figures: 1, Cells.Count: 1 } ? line with { IsLoneRun = true } : line);
                }
            }
        }

        // Figures without a label continue the label line above them (a cell-per-line copy, or a label whose
        // figures wrapped), unless there are more of them than a labelled row has (表四's fifteen stand alone).
        var result = new List<Line?>(lines.Count);
        foreach (var original in lines)
        {
            var line = original;
            var previous = result.Count > 0 ? result[^1] : null;

            // A unit between a label and its figures (the 统计表's 单位 cell, on a line of its own or before the
            // figure: “件” / “件 9”) goes with the label, so the figures after it still find their label.
            if (line is not null && previous is { Figures: 0, IsHeader: false, Cells.Count: 1, Unit: null } && line.Cells.Count == line.Figures + 1
                && NumberReader.IsUnit(line.Cells[0].Match) && !NumberReader.IsUnit(previous.Cells[0].Match))
            {
                previous = previous with { Unit = line.Cells[0], End = line.End };
                result[^1] = previous;
                if (line.Figures == 0)
                {
                    continue;
                }

                line = new Line(line.Cells.GetRange(1, line.Figures), line.Figures, line.Cells[1].Start, line.End);
            }

            if (line is not null && line.Figures > 0 && line.Figures == line.Cells.Count && line.Figures < MaxLabelledFigures
                && previous is { Figures: 0, IsHeader: false, Cells.Count: 1 })
            {
                result[^1] = previous.Extend(line);
                TakeHeader(result);
                continue;
            }

            result.Add(line);
            if (line is not null && line.Figures > 0 && line.Cells.Count > line.Figures)
            {
                TakeHeader(result);
            }
        }

        return result;
    }

    /// <summary>
    /// The short label lines just above a row's label are its column headers when there are as many of them as
    /// the row has figures (or one more, for the label column: 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数).
    /// They become one header row, aligned on the right like the figures.
    /// </summary>
    private static void TakeHeader(List<Line?> lines)
    {
        var row = lines[^1]!;
        var tokens = new List<(string Text, string Match, int Start)>();
        var first = lines.Count - 1;
        while (first > 0 && lines[first - 1] is { Figures: 0, IsHeader: false } above && IsHeaderLike(above))
        {
            // One line naming every column, or one column name per line; a header flattened from several
            // merged rows (自然人 法人或其他组织 总计 / 商业企业 …) is not in column order and is left alone.
            if (above.Tokens.Count > 1 && tokens.Count > 0)
            {
                break;
            }

            first--;
            tokens.InsertRange(0, above.Tokens);
            if (tokens.Count > row.Figures + 1)
            {
                return;
            }

            if (above.Tokens.Count > 1)
            {
                break;
            }
        }

        if (tokens.Count < row.Figures || tokens.Count > row.Figures + 1 || first == lines.Count - 1)
        {
            return;
        }

        var header = new Line(tokens, 0, lines[first]!.Start, lines[^2]!.End) { IsHeader = true, Tokens = tokens };
        lines.RemoveRange(first, lines.Count - 1 - first);
        lines.Insert(first, header);
    }

    // A column header: short, not a numbered row (一、 （一） 1.), not a block title (第二十条第（一）项).
    private static bool IsHeaderLike(Line line)
    {
        var label = line.Cells[0].Match;
        if (label.Length > MaxLabelOnlyLine || label.Contains("第二十条", StringComparison.Ordinal) || label.Contains('。') || label.Contains('，'))
        {
            return false;
        }

        foreach (var (_, match, _) in line.Tokens)
        {
            if (match.Length > 20 || IsNumbered(match))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsNumbered(string label) =>
        label.Length > 1 && (label[0] is '(' or '（' || (ChineseNumerals.IsNumeralChar(label[0]) && label[1] is '、' or '.' or '．') || (char.IsAsciiDigit(label[0]) && label[1] is '.' or '．' or '、'));

    private static bool IsBlank(string match, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (!NumberReader.IsSpace(match[i]) && match[i] != '\r')
            {
                return false;
            }
        }

        return true;
    }

    private static void Flush(List<Line> run, List<TableGrid> grids, int firstIndex)
    {
        // Trailing label-only lines belong to what follows, not to this table.
        while (run.Count > 0 && run[^1].Figures == 0)
        {
            run.RemoveAt(run.Count - 1);
        }

        if (run.Count(l => l.Figures >= 2) >= 2 || run.Any(l => l.Figures == 15) || IsStatisticsTable(run))
        {
            grids.Add(Build(run, firstIndex + grids.Count));
        }

        run.Clear();
    }

    // The pre-2019 统计表 has one figure per row (统计指标 | 单位 | 统计数): a run of such rows naming its indicators.
    private static bool IsStatisticsTable(List<Line> run)
    {
        var rows = 0;
        var indicators = 0;
        foreach (var line in run)
        {
            if (line.Figures != 1 || line.Cells.Count is not (2 or 3))
            {
                continue;
            }

            rows++;
            var label = line.Cells[0].Match;
            if (label.Contains("主动公开政府信息数", StringComparison.Ordinal) || label.Contains("收到申请数", StringComparison.Ordinal) || label.Contains("申请答复数", StringComparison.Ordinal))
            {
                indicators++;
            }
        }

        return rows >= 5 && indicators >= 2;
    }

    private static TableGrid Build(List<Line> lines, int index)
    {
        var columns = lines.Max(l => l.Cells.Count);
        var cells = new TableCell[lines.Count, columns];
        for (var r = 0; r < lines.Count; r++)
        {
            var line = lines[r];
            if (line.IsHeader)
            {
                var blank = columns - line.Cells.Count;
                for (var c0 = 0; c0 < columns; c0++)
                {
                    var (t0, m0, s0) = c0 < blank ? ("", "", -1) : line.Cells[c0 - blank];
                    cells[r, c0] = new TableCell(r, c0, t0, m0, 1, 1, true, s0);
                }

                continue;
            }

            var figures = line.Figures;
            if (figures == 0)
            {
                // A label alone (a group title such as （三）不予公开): its own cell, not a header over the figures.
                var (lt, lm, ls) = line.Cells[0];
                cells[r, 0] = new TableCell(r, 0, lt, lm, 1, 1, true, ls);
                for (var c0 = 1; c0 < columns; c0++)
                {
                    cells[r, c0] = new TableCell(r, c0, "", "", 1, 1, true, -1);
                }

                continue;
            }

            var labels = line.Cells.Count - figures;
            var pad = columns - line.Cells.Count;
            var c = 0;
            for (var i = 0; i < labels; i++)
            {
                var (t, m, start) = line.Cells[i];
                var span = i == labels - 1 ? 1 + pad : 1;
                for (var k = 0; k < span; k++)
                {
                    cells[r, c] = new TableCell(r, c, t, m, 1, span, k == 0, start);
                    c++;
                }
            }

            if (labels == 0)
            {
                for (var k = 0; k < pad; k++)
                {
                    cells[r, c] = new TableCell(r, c, "", "", 1, 1, true, -1);
                    c++;
                }
            }

            for (var i = labels; i < line.Cells.Count; i++)
            {
                var (t, m, start) = line.Cells[i];
                cells[r, c] = new TableCell(r, c, t, m, 1, 1, true, start);
                c++;
            }
        }

        return new TableGrid(index, cells, lines[0].Start, lines[^1].End);
    }

    /// <summary>Splits a line into a label and the figures after it; null when it is not a table line.</summary>
    private static Line? Split(string text, string match, int start, int end)
    {
        var tokens = new List<(int Start, int End)>();
        var i = start;
        while (i < end)
        {
            while (i < end && NumberReader.IsSpace(match[i]))
            {
                i++;
            }

            var tokenStart = i;
            while (i < end && !NumberReader.IsSpace(match[i]))
            {
                i++;
            }

            if (i > tokenStart)
            {
                tokens.Add((tokenStart, i));
            }
        }

        if (tokens.Count == 0)
        {
            return null;
        }

        // Figures: the trailing tokens that read as numbers or blanks (—).
        var first = tokens.Count;
        while (first > 0)
        {
            var kind = NumberReader.ReadCell(match.AsSpan(tokens[first - 1].Start, tokens[first - 1].End - tokens[first - 1].Start)).Kind;
            if (kind is not (WrittenNumberKind.Number or WrittenNumberKind.NotStated))
            {
                break;
            }

            first--;
        }

        var figures = tokens.Count - first;

        // A sentence that happens to end in a number is not a table row: labels are short.
        if (first > 0)
        {
            var label = match.AsSpan(tokens[0].Start, tokens[first - 1].End - tokens[0].Start);
            if (label.Length > 60 || label.Contains('。'))
            {
                return null;
            }
        }

        var cells = new List<(string, string, int)>(figures + 1);
        if (first > 0)
        {
            var labelStart = tokens[0].Start;
            var labelEnd = tokens[first - 1].End;
            cells.Add((text[labelStart..labelEnd], match[labelStart..labelEnd], labelStart));
        }

        for (var k = first; k < tokens.Count; k++)
        {
            cells.Add((text[tokens[k].Start..tokens[k].End], match[tokens[k].Start..tokens[k].End], tokens[k].Start));
        }

        // A label alone may be column headers (信息内容 本年制发件数 …): keep its parts for that.
        if (figures > 0 || end - start > MaxLabelOnlyLine)
        {
            return new Line(cells, figures, start, end);
        }

        var labelTokens = new List<(string Text, string Match, int Start)>(first);
        for (var k = 0; k < first; k++)
        {
            labelTokens.Add((text[tokens[k].Start..tokens[k].End], match[tokens[k].Start..tokens[k].End], tokens[k].Start));
        }

        return new Line(cells, figures, start, end) { Tokens = labelTokens };
    }

    private sealed record Line(List<(string Text, string Match, int Start)> Cells, int Figures, int Start, int End)
    {
        /// <summary>The label's space-separated parts (a header line's column names).</summary>
        public IReadOnlyList<(string Text, string Match, int Start)> Tokens { get; init; } = [];

        /// <summary>A row of column names rebuilt from the lines above a row (aligned on the right).</summary>
        public bool IsHeader { get; init; }

        /// <summary>Figures that came one per line (a cell-per-line copy), so more may follow.</summary>
        public bool IsLoneRun { get; init; }

        /// <summary>The unit written between this label and its figures (a 统计表's 单位 cell), if any.</summary>
        public (string Text, string Match, int Start)? Unit { get; init; }

        /// <summary>
        /// This label with the figures after it. A unit stays as a cell of its own before a single figure (统计指标 |
        /// 单位 | 统计数); before several it is left out, so the figures keep their columns.
        /// </summary>
        public Line Extend(Line figures) =>
            new(Unit is { } unit && figures.Figures == 1 ? [.. Cells, unit, .. figures.Cells] : [.. Cells, .. figures.Cells], Figures + figures.Figures, Start, figures.End)
            {
                Tokens = Tokens,
                IsLoneRun = IsLoneRun && figures.IsLoneRun,
            };
    }
}
