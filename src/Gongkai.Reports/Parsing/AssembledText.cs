using System.Text;
using Gongkai.Reports.Html;

namespace Gongkai.Reports.Parsing;

/// <summary>The report body laid out as one text: lines, and tables as tab-separated rows, with their offsets.</summary>
internal sealed class AssembledText
{
    public required string Text { get; init; }

    public required string MatchText { get; init; }

    public required IReadOnlyList<TableGrid> Tables { get; init; }

    /// <summary>Offsets where each body line (not table row) starts and ends, in order.</summary>
    public required IReadOnlyList<(int Start, int End)> Lines { get; init; }

    public int PinyinArtifactsRemoved { get; init; }

    public IReadOnlyList<(int Start, int End)> TableSpans => Tables.Select(t => (t.Start, t.End)).ToList();

    public static AssembledText From(IReadOnlyList<PageBlock> body)
    {
        var text = new StringBuilder();
        var lines = new List<(int Start, int End)>();
        var placed = new List<(RawTable Table, int Start, int End, int[] CellStarts, string[] CellTexts)>();
        var removed = 0;
        foreach (var block in body)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            if (block.Table is { } table)
            {
                var start = text.Length;
                var cellStarts = new int[table.Cells.Count];
                var cellTexts = new string[table.Cells.Count];
                Array.Fill(cellStarts, -1);
                for (var r = 0; r < table.RowCount; r++)
                {
                    if (r > 0)
                    {
                        text.Append('\n');
                    }

                    for (var c = 0; c < table.ColumnCount; c++)
                    {
                        if (c > 0)
                        {
                            text.Append('\t');
                        }

                        var index = table.Slots[r, c];
                        var cell = table.Cells[index];
                        if (cell.Row == r && cell.Column == c)
                        {
                            var cellText = PinyinArtifacts.Remove(cell.Text, out var count);
                            removed += count;
                            cellTexts[index] = cellText;
                            cellStarts[index] = text.Length;
                            text.Append(cellText);
                        }
                    }
                }

                placed.Add((table, start, text.Length, cellStarts, cellTexts));
                continue;
            }

            var line = PinyinArtifacts.Remove(block.Text, out var lineCount);
            removed += lineCount;
            lines.Add((text.Length, text.Length + line.Length));
            text.Append(line);
        }

        var result = text.ToString();
        return new AssembledText
        {
            Text = result,
            MatchText = ChineseScript.ToMatchText(result),
            Tables = placed.Select((p, i) => ToGrid(i, p.Table, p.Start, p.End, p.CellStarts, p.CellTexts)).ToList(),
            Lines = lines,
            PinyinArtifactsRemoved = removed,
        };
    }

    private static TableGrid ToGrid(int index, RawTable table, int start, int end, int[] cellStarts, string[] cellTexts)
    {
        var origins = new TableCell[table.Cells.Count];
        var grid = new TableCell[table.RowCount, table.ColumnCount];
        for (var r = 0; r < table.RowCount; r++)
        {
            for (var c = 0; c < table.ColumnCount; c++)
            {
                var i = table.Slots[r, c];
                var raw = table.Cells[i];
                origins[i] ??= new TableCell(
                    raw.Row,
                    raw.Column,
                    cellTexts[i] ?? raw.Text,
                    ChineseScript.ToMatchText(cellTexts[i] ?? raw.Text),
                    raw.RowSpan,
                    raw.ColSpan,
                    IsOrigin: true,
                    cellStarts[i]);
                grid[r, c] = raw.Row == r && raw.Column == c
                    ? origins[i]
                    : origins[i] with { Row = r, Column = c, IsOrigin = false };
            }
        }

        return new TableGrid(index, grid, start, end);
    }
}
