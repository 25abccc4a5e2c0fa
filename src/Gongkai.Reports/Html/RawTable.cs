namespace Gongkai.Reports.Html;

/// <summary>A cell as written in markup, with its spans clamped to the table.</summary>
internal sealed record RawCell(int Row, int Column, int RowSpan, int ColSpan, string Text);

/// <summary>A table's grid before it is placed in the report text: every slot points at the cell covering it.</summary>
internal sealed class RawTable
{
    public RawTable(IReadOnlyList<RawCell> cells, int[,] slots, int chars, int linkChars, int longestCellChars)
    {
        LongestCellChars = longestCellChars;
        Cells = cells;
        Slots = slots;
        Chars = chars;
        LinkChars = linkChars;
    }

    public IReadOnlyList<RawCell> Cells { get; }

    /// <summary>Index into <see cref="Cells"/> of the cell covering each slot.</summary>
    public int[,] Slots { get; }

    public int RowCount => Slots.GetLength(0);

    public int ColumnCount => Slots.GetLength(1);

    public int Chars { get; }

    public int LinkChars { get; }

    /// <summary>The most visible characters in one cell (prose in a cell means layout, not data).</summary>
    public int LongestCellChars { get; }
}
