namespace Gongkai.Reports.Html;

/// <summary>
/// Lays a <c>&lt;table&gt;</c> out as a grid the way a browser does: each cell takes the next free slot of its
/// row and covers <c>rowspan × colspan</c> slots. Spans are clamped (a rowspan never runs past the last row,
/// a colspan past <see cref="MaxColumns"/>), rows and columns left entirely blank are dropped.
/// </summary>
internal sealed class TableGridBuilder(HtmlTree tree)
{
    public const int MaxColumns = 64;
    public const int MaxRows = 5000;

    private readonly List<int> rows = [];
    private readonly TextRun text = new();

    /// <summary>The table as a grid when it is a data table (<see cref="TableKind"/>), otherwise null (layout).</summary>
    public RawTable? TryReadData(int table)
    {
        RowsOf(table, rows);
        return TableKind.MayBeData(tree, table, rows) && Build(rows) is var grid && TableKind.IsData(grid) ? grid : null;
    }

    /// <summary>The rows of <paramref name="table"/> itself (not of tables nested in it).</summary>
    public void RowsOf(int table, List<int> found)
    {
        found.Clear();
        for (var child = tree.FirstChild(table); child != HtmlTree.None; child = tree.NextSibling(child))
        {
            if (!tree.IsElement(child))
            {
                continue;
            }

            var element = tree.Element(child)!;
            if (element.Kind == ElementKind.Tr)
            {
                found.Add(child);
            }
            else if (element.IsRowGroup)
            {
                for (var row = tree.FirstChild(child); row != HtmlTree.None; row = tree.NextSibling(row))
                {
                    if (tree.Element(row)?.Kind == ElementKind.Tr)
                    {
                        found.Add(row);
                    }
                }
            }
        }
    }

    public RawTable Build(List<int> rows)
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
        for (var r = 0; r < rowCount; r++)
        {
            var column = 0;
            for (var cell = tree.FirstChild(rows[r]); cell != HtmlTree.None; cell = tree.NextSibling(cell))
            {
                if (tree.Element(cell) is not { IsCell: true })
                {
                    continue;
                }

                while (column < MaxColumns && occupied[r][column] != 0)
                {
                    column++;
                }

                if (column >= MaxColumns)
                {
                    break;
                }

                var rowSpan = Span(tree.Attribute(cell, "rowspan"), isRowSpan: true, rowCount - r);
                var colSpan = Span(tree.Attribute(cell, "colspan"), isRowSpan: false, MaxColumns - column);
                CellText(cell, text);
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

    private static int Span(string? value, bool isRowSpan, int limit)
    {
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
            return isRowSpan ? Math.Max(limit, 1) : 1;
        }

        return Math.Clamp(span, 1, Math.Max(limit, 1));
    }

    /// <summary>Collects the visible text of an element's content, without recursion (Word exports nest deeply).</summary>
    public void CellText(int cell, TextRun into)
    {
        var linkDepth = 0;
        var node = tree.FirstChild(cell);
        while (node != HtmlTree.None)
        {
            var descend = false;
            var element = tree.Element(node);
            if (element is null)
            {
                into.AppendMarkup(tree, node, linkDepth > 0);
            }
            else if (!element.IsSkipped && !tree.IsHidden(node))
            {
                if (element.Kind == ElementKind.Br || element.IsBlock)
                {
                    into.BreakSoft();
                }

                descend = true;
                if (element.Kind == ElementKind.A)
                {
                    linkDepth++;
                }
            }

            var child = descend ? tree.FirstChild(node) : HtmlTree.None;
            if (child != HtmlTree.None)
            {
                node = child;
                continue;
            }

            if (descend && element!.Kind == ElementKind.A)
            {
                linkDepth--;
            }

            while (node != cell && tree.NextSibling(node) == HtmlTree.None)
            {
                node = tree.Parent(node);
                if (node != cell && tree.Element(node)!.Kind == ElementKind.A)
                {
                    linkDepth--;
                }
            }

            node = node == cell ? HtmlTree.None : tree.NextSibling(node);
        }
    }
}
