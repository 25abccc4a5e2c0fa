using HtmlAgilityPack;

namespace Gongkai.Reports.Html;

/// <summary>
/// Lays a <c>&lt;table&gt;</c> out as a grid the way a browser does: each cell takes the next free slot of its
/// row and covers <c>rowspan × colspan</c> slots. Spans are clamped (a rowspan never runs past the last row,
/// a colspan past <see cref="MaxColumns"/>), rows and columns left entirely blank are dropped.
/// </summary>
internal static class TableGridBuilder
{
    public const int MaxColumns = 64;
    public const int MaxRows = 5000;

    /// <summary>The rows of <paramref name="table"/> itself (not of tables nested in it).</summary>
    public static List<HtmlNode> RowsOf(HtmlNode table)
    {
        var rows = new List<HtmlNode>();
        foreach (var child in table.ChildNodes)
        {
            if (child.NodeType != HtmlNodeType.Element)
            {
                continue;
            }

            if (child.Name == "tr")
            {
                rows.Add(child);
            }
            else if (child.Name is "tbody" or "thead" or "tfoot")
            {
                foreach (var row in child.ChildNodes)
                {
                    if (row.NodeType == HtmlNodeType.Element && row.Name == "tr")
                    {
                        rows.Add(row);
                    }
                }
            }
        }

        return rows;
    }

    public static IEnumerable<HtmlNode> CellsOf(HtmlNode row)
    {
        foreach (var child in row.ChildNodes)
        {
            if (child.NodeType == HtmlNodeType.Element && child.Name is "td" or "th")
            {
                yield return child;
            }
        }
    }

    public static RawTable Build(List<HtmlNode> rows)
    {
        var rowCount = Math.Min(rows.Count, MaxRows);
        var placed = new List<(int Row, int Column, int RowSpan, int ColSpan, string Text, int Chars, int LinkChars)>();
        var occupied = new List<int[]>(rowCount);
        for (var r = 0; r < rowCount; r++)
        {
            occupied.Add(NewRow());
        }

        var width = 0;
        var longest = 0;
        var text = new TextRun();
        var stack = new Stack<(HtmlNode, int)>();
        for (var r = 0; r < rowCount; r++)
        {
            var column = 0;
            foreach (var cell in CellsOf(rows[r]))
            {
                while (column < MaxColumns && occupied[r][column] != 0)
                {
                    column++;
                }

                if (column >= MaxColumns)
                {
                    break;
                }

                var rowSpan = Span(cell, "rowspan", rowCount - r);
                var colSpan = Span(cell, "colspan", MaxColumns - column);
                CellText(cell, text, stack);
                var (chars, links) = (text.Chars, text.LinkChars);
                longest = Math.Max(longest, chars);
                var index = placed.Count;
                placed.Add((r, column, rowSpan, colSpan, text.Take(), chars, links));
                for (var dr = 0; dr < rowSpan; dr++)
                {
                    for (var dc = 0; dc < colSpan; dc++)
                    {
                        occupied[r + dr][column + dc] = index + 1;
                    }
                }

                column += colSpan;
                width = Math.Max(width, column);
            }
        }

        return Compact(placed, occupied, rowCount, width, longest);
    }

    private static int[] NewRow() => new int[MaxColumns];

    private static RawTable Compact(
        List<(int Row, int Column, int RowSpan, int ColSpan, string Text, int Chars, int LinkChars)> placed,
        List<int[]> occupied,
        int rowCount,
        int width,
        int longest)
    {
        // A row or column is kept when some slot in it holds a cell with text.
        var keepRow = new bool[rowCount];
        var keepColumn = new bool[width];
        for (var r = 0; r < rowCount; r++)
        {
            for (var c = 0; c < width; c++)
            {
                var index = occupied[r][c];
                if (index != 0 && placed[index - 1].Text.Length > 0)
                {
                    keepRow[r] = true;
                    keepColumn[c] = true;
                }
            }
        }

        var rowMap = Remap(keepRow, out var rows);
        var columnMap = Remap(keepColumn, out var columns);
        var slots = new int[rows, columns];
        var cells = new List<RawCell>();
        var cellOf = new Dictionary<int, int>();
        int chars = 0, links = 0;
        for (var r = 0; r < rowCount; r++)
        {
            if (rowMap[r] < 0)
            {
                continue;
            }

            for (var c = 0; c < width; c++)
            {
                if (columnMap[c] < 0)
                {
                    continue;
                }

                var index = occupied[r][c];
                if (index == 0)
                {
                    slots[rowMap[r], columnMap[c]] = cells.Count;
                    cells.Add(new RawCell(rowMap[r], columnMap[c], 1, 1, ""));
                    continue;
                }

                if (!cellOf.TryGetValue(index, out var cellIndex))
                {
                    var source = placed[index - 1];
                    cellIndex = cells.Count;
                    cellOf[index] = cellIndex;
                    cells.Add(new RawCell(
                        rowMap[r],
                        columnMap[c],
                        Covered(rowMap, source.Row, source.RowSpan),
                        Covered(columnMap, source.Column, source.ColSpan),
                        source.Text));
                    chars += source.Chars;
                    links += source.LinkChars;
                }

                slots[rowMap[r], columnMap[c]] = cellIndex;
            }
        }

        return new RawTable(cells, slots, chars, links, longest);
    }

    private static int[] Remap(bool[] keep, out int count)
    {
        var map = new int[keep.Length];
        count = 0;
        for (var i = 0; i < keep.Length; i++)
        {
            map[i] = keep[i] ? count++ : -1;
        }

        return map;
    }

    private static int Covered(int[] map, int start, int span)
    {
        var count = 0;
        for (var i = start; i < start + span && i < map.Length; i++)
        {
            if (map[i] >= 0)
            {
                count++;
            }
        }

        return Math.Max(count, 1);
    }

    private static int Span(HtmlNode cell, string attribute, int limit)
    {
        var value = cell.Attributes[attribute]?.Value;
        if (value is null)
        {
            return 1;
        }

        var digits = value.AsSpan().Trim();
        var end = 0;
        while (end < digits.Length && end < 6 && char.IsAsciiDigit(digits[end]))
        {
            end++;
        }

        if (end == 0 || !int.TryParse(digits[..end], out var span))
        {
            return 1;
        }

        // rowspan="0" means "to the end of the table section" in HTML.
        if (span == 0)
        {
            return attribute == "rowspan" ? Math.Max(limit, 1) : 1;
        }

        return Math.Clamp(span, 1, Math.Max(limit, 1));
    }

    /// <summary>Collects a cell's visible text, without recursion (Word exports nest deeply).</summary>
    public static void CellText(HtmlNode cell, TextRun text) => CellText(cell, text, new Stack<(HtmlNode, int)>());

    private static void CellText(HtmlNode cell, TextRun text, Stack<(HtmlNode Node, int LinkDepth)> stack)
    {
        stack.Clear();
        PushChildren(stack, cell, 0);
        while (stack.Count > 0)
        {
            var (node, linkDepth) = stack.Pop();
            switch (node.NodeType)
            {
                case HtmlNodeType.Text:
                    text.Append(HtmlNames.TextOf((HtmlTextNode)node), linkDepth > 0);
                    break;
                case HtmlNodeType.Element:
                    var name = node.Name;
                    if (HtmlNames.IsSkipped(name) || HtmlNames.IsHidden(node))
                    {
                        break;
                    }

                    if (name == "br" || HtmlNames.IsBlock(name))
                    {
                        text.BreakSoft();
                    }

                    PushChildren(stack, node, name == "a" ? linkDepth + 1 : linkDepth);
                    break;
            }
        }
    }

    private static void PushChildren(Stack<(HtmlNode, int)> stack, HtmlNode node, int linkDepth)
    {
        var children = node.ChildNodes;
        for (var i = children.Count - 1; i >= 0; i--)
        {
            stack.Push((children[i], linkDepth));
        }
    }
}
