using Gongkai.Reports.Html;

namespace Gongkai.Reports.Documents;

/// <summary>Builds a <see cref="RawTable"/> from cells placed with their spans; a slot no cell covers is a blank cell.</summary>
internal sealed class RawTableBuilder(int rows, int columns)
{
    private readonly List<RawCell> cells = [];
    private readonly int[,] slots = CreateSlots(rows, columns);

    public int RowCount => rows;

    public int ColumnCount => columns;

    public bool IsFree(int row, int column) => slots[row, column] < 0;

    /// <summary>Places a cell at its slot; spans are clamped to the table and to slots still free.</summary>
    public void Add(int row, int column, int rowSpan, int colSpan, string text)
    {
        if (row >= rows || column >= columns || !IsFree(row, column))
        {
            return;
        }

        colSpan = Math.Max(1, Math.Min(colSpan, columns - column));
        rowSpan = Math.Max(1, Math.Min(rowSpan, rows - row));
        var width = 1;
        while (width < colSpan && IsFree(row, column + width))
        {
            width++;
        }

        var height = 1;
        while (height < rowSpan && Enumerable.Range(column, width).All(c => IsFree(row + height, c)))
        {
            height++;
        }

        var index = cells.Count;
        cells.Add(new RawCell(row, column, height, width, text));
        for (var r = row; r < row + height; r++)
        {
            for (var c = column; c < column + width; c++)
            {
                slots[r, c] = index;
            }
        }
    }

    public RawTable Build()
    {
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                if (IsFree(r, c))
                {
                    Add(r, c, 1, 1, "");
                }
            }
        }

        var chars = 0;
        var longest = 0;
        foreach (var cell in cells)
        {
            var count = cell.Text.Count(ch => !char.IsWhiteSpace(ch));
            chars += count;
            longest = Math.Max(longest, count);
        }

        return new RawTable(cells, slots, chars, 0, longest);
    }

    private static int[,] CreateSlots(int rows, int columns)
    {
        var slots = new int[rows, columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                slots[r, c] = -1;
            }
        }

        return slots;
    }
}
