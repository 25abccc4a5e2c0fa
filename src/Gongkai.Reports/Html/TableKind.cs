namespace Gongkai.Reports.Html;

/// <summary>
/// Tells a data table (a grid of short cells: the report's statistics) from a layout table (the page, or the
/// whole report, laid out in cells). A table holding another table, a single column or row, long prose in a
/// cell, or mostly links is layout.
/// </summary>
internal static class TableKind
{
    public const int MaxDataCellChars = 400;

    /// <summary>Could the table be data? (The grid's own cells decide: <see cref="IsData(RawTable)"/>.)</summary>
    public static bool MayBeData(HtmlTree tree, int table, List<int> rows) => rows.Count >= 2 && !tree.ContainsTable(table);

    public static bool IsData(RawTable grid) =>
        grid.ColumnCount >= 2 && grid.RowCount >= 1 && grid.Chars > 0 && grid.LinkChars * 2 < grid.Chars
        && grid.LongestCellChars <= MaxDataCellChars;
}
