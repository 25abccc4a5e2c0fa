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

    public static List<TableGrid> Find(ReportDocument document, int firstIndex)
    {
        var grids = new List<TableGrid>();
        var text = document.Text;
        var match = document.MatchText;
        var run = new List<Line>();
        var tableIndex = 0;
        var lineStart = 0;
        while (lineStart < match.Length)
        {
            var lineEnd = match.IndexOf('\n', lineStart);
            if (lineEnd < 0)
            {
                lineEnd = match.Length;
            }

            while (tableIndex < document.Tables.Count && document.Tables[tableIndex].End <= lineStart)
            {
                tableIndex++;
            }

            var insideGrid = tableIndex < document.Tables.Count && document.Tables[tableIndex].Start <= lineStart;
            var line = insideGrid ? null : Split(text, match, lineStart, lineEnd);
            if (line is { Figures: > 0 })
            {
                run.Add(line);
            }
            else if (line is not null && run.Count > 0 && line.Cells.Count == 1 && lineEnd - lineStart <= MaxLabelOnlyLine)
            {
                run.Add(line);
            }
            else
            {
                Flush(run, grids, firstIndex);
            }

            lineStart = lineEnd + 1;
        }

        Flush(run, grids, firstIndex);
        return grids;
    }

    private static void Flush(List<Line> run, List<TableGrid> grids, int firstIndex)
    {
        // Trailing label-only lines belong to what follows, not to this table.
        while (run.Count > 0 && run[^1].Figures == 0)
        {
            run.RemoveAt(run.Count - 1);
        }

        if (run.Count(l => l.Figures >= 2) >= 2 || run.Any(l => l.Figures == 15))
        {
            grids.Add(Build(run, firstIndex + grids.Count));
        }

        run.Clear();
    }

    private static TableGrid Build(List<Line> lines, int index)
    {
        var columns = lines.Max(l => l.Cells.Count);
        var cells = new TableCell[lines.Count, columns];
        for (var r = 0; r < lines.Count; r++)
        {
            var line = lines[r];
            var figures = line.Figures;
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

        // A sentence that happens to end in a number is not a table row: labels are short.
        if (first > 0 && (cells[0].Item2.Length > 60 || cells[0].Item2.Contains('。')))
        {
            return null;
        }

        return new Line(cells, figures, start, end);
    }

    private sealed record Line(List<(string Text, string Match, int Start)> Cells, int Figures, int Start, int End);
}
