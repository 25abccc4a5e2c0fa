using HtmlAgilityPack;

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
    public static bool MayBeData(HtmlNode table, List<HtmlNode> rows) => rows.Count >= 2 && !ContainsTable(table);

    public static bool IsData(RawTable grid) =>
        grid.ColumnCount >= 2 && grid.RowCount >= 1 && grid.Chars > 0 && grid.LinkChars * 2 < grid.Chars
        && grid.LongestCellChars <= MaxDataCellChars;

    private static bool ContainsTable(HtmlNode table)
    {
        var stack = new Stack<HtmlNode>();
        foreach (var child in table.ChildNodes)
        {
            stack.Push(child);
        }

        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node.NodeType != HtmlNodeType.Element)
            {
                continue;
            }

            if (node.Name == "table")
            {
                return true;
            }

            foreach (var child in node.ChildNodes)
            {
                stack.Push(child);
            }
        }

        return false;
    }
}
