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

    public static bool IsData(HtmlNode table, List<HtmlNode> rows)
    {
        if (rows.Count < 2 || ContainsTable(table))
        {
            return false;
        }

        var widest = 0;
        var run = new TextRun();
        int chars = 0, links = 0;
        foreach (var row in rows)
        {
            var cells = 0;
            foreach (var cell in TableGridBuilder.CellsOf(row))
            {
                cells++;
                TableGridBuilder.CellText(cell, run);
                if (run.Chars > MaxDataCellChars)
                {
                    return false;
                }

                chars += run.Chars;
                links += run.LinkChars;
                run.Take();
            }

            widest = Math.Max(widest, cells);
        }

        return widest >= 2 && chars > 0 && links * 2 < chars;
    }

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
