using Gongkai.Reports.Numbers;

namespace Gongkai.Reports.Metrics.Tables;

/// <summary>One row of a table grid, seen with its merged cells counted once.</summary>
internal sealed class TableRow
{
    private string? normalized;

    public TableRow(TableGrid grid, int row)
    {
        Grid = grid;
        Index = row;
        var cells = new List<TableCell>(grid.ColumnCount);
        for (var c = 0; c < grid.ColumnCount; c++)
        {
            var cell = grid[row, c];
            if (c > 0 && !cell.IsOrigin && SameCell(grid[row, c - 1], cell))
            {
                continue;
            }

            cells.Add(cell);
        }

        Cells = cells;
        Numbers = new WrittenNumber[cells.Count];
        for (var i = 0; i < cells.Count; i++)
        {
            Numbers[i] = cells[i].MatchText.Length == 0 ? WrittenNumber.NotStated : NumberReader.ReadCell(cells[i].MatchText);
            if (Numbers[i].IsNumber)
            {
                HasNumber = true;
            }
        }
    }

    /// <summary>What each of <see cref="Cells"/> says as a number, read once.</summary>
    public WrittenNumber[] Numbers { get; }

    public TableGrid Grid { get; }

    public int Index { get; }

    /// <summary>The row's cells left to right, a cell merged across columns counted once.</summary>
    public IReadOnlyList<TableCell> Cells { get; }

    /// <summary>All the row's text, normalised for matching.</summary>
    public string Normalized => normalized ??= LabelText.Normalize(string.Concat(Cells.Select(c => c.MatchText)));

    /// <summary>True when some cell holds a number (a percentage does not count).</summary>
    public bool HasNumber { get; }

    /// <summary>The number of cells holding a number, a blank or damaged figure text (possible value cells).</summary>
    public int ValueLikeCount(int fromCell = 0)
    {
        var count = 0;
        for (var i = fromCell; i < Cells.Count; i++)
        {
            var kind = Numbers[i].Kind;
            if (kind is WrittenNumberKind.Number or WrittenNumberKind.NotStated or WrittenNumberKind.Damaged)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>True when the slot continues a cell begun in the row above (a rowspan).</summary>
    public static bool ContinuesFromAbove(TableGrid grid, int row, int column) =>
        row > 0 && !grid[row, column].IsOrigin && SameCell(grid[row - 1, column], grid[row, column]);

    public static bool SameCell(TableCell a, TableCell b) =>
        a.TextStart >= 0 || b.TextStart >= 0
            ? a.TextStart == b.TextStart && a.Text == b.Text
            : a.Text == b.Text && a.RowSpan == b.RowSpan && a.ColSpan == b.ColSpan;
}
