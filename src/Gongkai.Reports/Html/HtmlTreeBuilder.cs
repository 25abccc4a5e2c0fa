namespace Gongkai.Reports.Html;

/// <summary>
/// Builds an <see cref="HtmlTree"/> from tokens with the parts of HTML's tree construction that decide where text
/// lands: implied end tags (a new <c>p</c>, <c>li</c>, <c>dd</c>/<c>dt</c>, heading, <c>td</c>/<c>th</c> or <c>tr</c> closes
/// the open one), implied table rows (<c>&lt;table&gt;&lt;td&gt;</c>), a table started outside any cell closes the open
/// table, void elements, <c>&lt;/br&gt;</c> and <c>&lt;/p&gt;</c> with no open paragraph, a page that never closes its
/// head, and stray end tags that close nothing (an end tag never crosses a table or cell boundary; an inline end
/// tag never closes a block). Unclosed elements close at the end of the input. No recursion; nesting deeper than
/// <c>maxDepth</c> is reported as the tree's <see cref="HtmlTree.Failure"/>.
/// </summary>
internal sealed class HtmlTreeBuilder
{
    private static readonly HtmlElementName Row = HtmlNames.Of("tr");
    private static readonly HtmlElementName Paragraph = HtmlNames.Of("p");
    private static readonly HtmlElementName LineBreak = HtmlNames.Of("br");
    private static readonly HtmlElementName Anchor = HtmlNames.Of("a");

    private readonly HtmlTree tree;
    private readonly int maxDepth;
    private int[] open = new int[64];
    private HtmlElementName[] openElements = new HtmlElementName[64];
    private int depth;
    private bool bodySeen;
    private bool headSeen;

    /// <summary>Where <c>head</c> is on the stack while it is open, else -1.</summary>
    private int headAt = -1;

    private HtmlTreeBuilder(HtmlTree tree, int maxDepth)
    {
        this.tree = tree;
        this.maxDepth = maxDepth;
    }

    public static HtmlTree Build(ReadOnlyMemory<char> html, int maxDepth)
    {
        // About one node per 24 chars of a Word-exported page; the tree grows if needed.
        var tree = new HtmlTree(html, (html.Length / 24) + 16);
        var builder = new HtmlTreeBuilder(tree, maxDepth);
        var tokenizer = new HtmlTokenizer(html);
        while (tokenizer.Next() != HtmlTokenKind.EndOfFile && tree.Failure is null)
        {
            switch (tokenizer.Kind)
            {
                case HtmlTokenKind.Text:
                    builder.Text(html.Span[tokenizer.Start..tokenizer.End], tokenizer.Start, tokenizer.End, tokenizer.IsRawText, tokenizer.HasReferences);
                    break;
                case HtmlTokenKind.StartTag:
                    builder.StartTag(tokenizer.Element, tokenizer.Start, tokenizer.End, tokenizer.SelfClosing, tokenizer.Hidden);
                    break;
                case HtmlTokenKind.EndTag:
                    builder.EndTag(tokenizer.Element);
                    break;
            }
        }

        return tree;
    }

    private int Current => depth == 0 ? HtmlTree.Root : open[depth - 1];

    private HtmlElementName? CurrentElement => depth == 0 ? null : openElements[depth - 1];

    /// <summary>
    /// Text that is not white space ends an open head (a page that never says &lt;body&gt;), and inside a table but
    /// outside its cells it is moved before the table, as a browser does ("foster parenting").
    /// </summary>
    private void Text(ReadOnlySpan<char> text, int start, int end, bool raw, bool hasReferences)
    {
        if (headAt >= 0 && headAt == depth - 1 && !text.IsWhiteSpace())
        {
            Truncate(headAt);
        }

        if (FosterTable() is var table and not HtmlTree.None && !text.IsWhiteSpace())
        {
            tree.AddText(tree.Parent(table), start, end, raw, hasReferences, before: table);
            return;
        }

        tree.AddText(Current, start, end, raw, hasReferences);
    }

    /// <summary>
    /// When the current node is a table, row group or row (content other than table parts does not belong there),
    /// the open table to put such content before; otherwise <see cref="HtmlTree.None"/>.
    /// </summary>
    private int FosterTable() =>
        CurrentElement is { } current && (current.Kind is ElementKind.Table or ElementKind.Tr || current.IsRowGroup) ? OpenTable() : HtmlTree.None;

    private int OpenTable()
    {
        for (var i = depth - 1; i >= 0; i--)
        {
            if (openElements[i].Kind == ElementKind.Table)
            {
                return open[i];
            }
        }

        return HtmlTree.None;
    }

    private static bool IsTablePart(HtmlElementName element) =>
        element.Kind is ElementKind.Table or ElementKind.Caption or ElementKind.Colgroup or ElementKind.Col or ElementKind.Tr
            or ElementKind.Td or ElementKind.Th
        || element.IsRowGroup || element.Name is "script" or "style" or "template" or "form" or "input";

    private void StartTag(HtmlElementName element, int attributesStart, int attributesEnd, bool selfClosing, bool hidden)
    {
        if (headAt >= 0 && headAt == depth - 1 && !BelongsInHead(element))
        {
            Truncate(headAt);
        }

        switch (element.Kind)
        {
            case ElementKind.Html:
                return;
            case ElementKind.Head when headSeen || bodySeen:
                return;
            case ElementKind.Body when bodySeen:
                return;
            case ElementKind.Td or ElementKind.Th:
                StartCell();
                break;
            case ElementKind.Tr:
                StartRow();
                break;
            case ElementKind.TBody or ElementKind.THead or ElementKind.TFoot or ElementKind.Caption or ElementKind.Colgroup or ElementKind.Col:
                CloseToTable();
                break;
            case ElementKind.Table:
                CloseTableOutsideCell();
                break;
            case ElementKind.Li:
                CloseListItem(ElementKind.Li, ElementKind.Li);
                break;
            case ElementKind.Dd or ElementKind.Dt:
                CloseListItem(ElementKind.Dd, ElementKind.Dt);
                break;
            case ElementKind.A:
                CloseNearest(Anchor, stopAtSpecial: false);
                break;
        }

        if (element.ClosesParagraph)
        {
            CloseNearest(Paragraph, stopAtSpecial: false);
        }

        if (element.HeadingLevel > 0 && CurrentElement is { HeadingLevel: > 0 })
        {
            depth--;
        }

        // A caption reads as a line above its table; content a table holds outside its cells moves before it.
        var fosterTable = element.Kind == ElementKind.Caption ? OpenTable() : IsTablePart(element) ? HtmlTree.None : FosterTable();
        var node = fosterTable != HtmlTree.None
            ? tree.AddElement(tree.Parent(fosterTable), element, attributesStart, attributesEnd, hidden, before: fosterTable)
            : tree.AddElement(Current, element, attributesStart, attributesEnd, hidden);
        switch (element.Kind)
        {
            case ElementKind.Head:
                headSeen = true;
                headAt = depth;
                break;
            case ElementKind.Body:
                bodySeen = true;
                break;
            case ElementKind.Table:
                MarkEnclosingTable();
                break;
        }

        // A column group holds only columns: it is not left open for content to land in.
        if (element.IsVoid || element.Kind == ElementKind.Colgroup || (selfClosing && element.HonoursSelfClosing))
        {
            return;
        }

        Push(node, element);
        if (depth > maxDepth)
        {
            tree.Failure = $"elements nest more than {maxDepth} deep";
        }
    }

    private static bool BelongsInHead(HtmlElementName element) =>
        element.Kind is ElementKind.Head or ElementKind.Title or ElementKind.Meta
        || element.Name is "link" or "style" or "script" or "base" or "noscript" or "template";

    private void EndTag(HtmlElementName element)
    {
        switch (element.Kind)
        {
            case ElementKind.Head:
                if (headAt >= 0)
                {
                    Truncate(headAt);
                }

                return;
            case ElementKind.Html or ElementKind.Body:
                // Content after </body> or </html> still belongs to the body, as in a browser.
                return;
            case ElementKind.Br:
                tree.AddElement(Current, LineBreak, 0, 0, hidden: false);
                return;
            case ElementKind.P:
                if (!CloseNearest(Paragraph, stopAtSpecial: false))
                {
                    tree.AddElement(Current, Paragraph, 0, 0, hidden: false);
                }

                return;
            case ElementKind.Td or ElementKind.Th or ElementKind.Tr or ElementKind.TBody or ElementKind.THead or ElementKind.TFoot
                or ElementKind.Caption or ElementKind.Colgroup:
                CloseWithinTable(element.Kind);
                return;
            case ElementKind.Table:
                for (var i = depth - 1; i >= 0; i--)
                {
                    if (openElements[i].Kind == ElementKind.Table)
                    {
                        Truncate(i);
                        return;
                    }
                }

                return;
        }

        // A block's end tag closes it through anything but a table or cell; an inline one never closes a block.
        CloseNearest(element, stopAtSpecial: !element.IsSpecial);
    }

    /// <summary>
    /// A new cell or row ends the cell that is open (with everything inside it); returns the table context left
    /// open (table, section or row), or -1 outside any table.
    /// </summary>
    private int CloseOpenCell()
    {
        var context = NearestTableContext(includeCells: true);
        if (context >= 0 && openElements[context].IsCell)
        {
            Truncate(context);
            context = NearestTableContext(includeCells: false);
        }

        return context;
    }

    private void StartCell()
    {
        var context = CloseOpenCell();
        if (context < 0)
        {
            return;
        }

        if (openElements[context].Kind == ElementKind.Tr)
        {
            Truncate(context + 1);
        }
        else
        {
            // <table><td>: the row is implied.
            Truncate(context + 1);
            Push(tree.AddElement(Current, Row, 0, 0, hidden: false), Row);
        }
    }

    private void StartRow()
    {
        var context = CloseOpenCell();
        if (context < 0)
        {
            return;
        }

        Truncate(openElements[context].Kind == ElementKind.Tr ? context : context + 1);
    }

    /// <summary>The open table, row group, row (or cell) nearest the top of the stack; -1 outside tables.</summary>
    private int NearestTableContext(bool includeCells)
    {
        for (var i = depth - 1; i >= 0; i--)
        {
            var element = openElements[i];
            if (element.Kind is ElementKind.Tr or ElementKind.Table || element.IsRowGroup || (includeCells && element.IsCell))
            {
                return i;
            }
        }

        return -1;
    }

    private void CloseToTable()
    {
        for (var i = depth - 1; i >= 0; i--)
        {
            if (openElements[i].Kind == ElementKind.Table)
            {
                Truncate(i + 1);
                return;
            }
        }
    }

    /// <summary>A table directly inside a table (not in a cell) ends the first one, as in a browser.</summary>
    private void CloseTableOutsideCell()
    {
        for (var i = depth - 1; i >= 0; i--)
        {
            var element = openElements[i];
            if (element.IsCell || element.Kind == ElementKind.Caption)
            {
                return;
            }

            if (element.Kind == ElementKind.Table)
            {
                Truncate(i);
                return;
            }
        }
    }

    private void MarkEnclosingTable()
    {
        for (var i = depth - 1; i >= 0; i--)
        {
            if (openElements[i].Kind == ElementKind.Table)
            {
                tree.MarkContainsTable(open[i]);
                return;
            }
        }
    }

    /// <summary>A new list item closes the open one of its kind, unless a block other than address, div or p is in between.</summary>
    private void CloseListItem(ElementKind kind, ElementKind otherKind)
    {
        for (var i = depth - 1; i >= 0; i--)
        {
            var element = openElements[i];
            if (element.Kind == kind || element.Kind == otherKind)
            {
                Truncate(i);
                return;
            }

            if (element.IsSpecial && element.Name is not ("address" or "div" or "p"))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Closes the nearest open <paramref name="target"/>, never across a table or cell boundary, nor across a block
    /// when <paramref name="stopAtSpecial"/>. False when there is none to close. (Names are interned: one instance each.)
    /// </summary>
    private bool CloseNearest(HtmlElementName target, bool stopAtSpecial)
    {
        for (var i = depth - 1; i >= 0; i--)
        {
            var element = openElements[i];
            if (ReferenceEquals(element, target))
            {
                Truncate(i);
                return true;
            }

            if (element.IsScopeBoundary || (stopAtSpecial && element.IsSpecial))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>An end tag of a table part closes it, never crossing the table it belongs to.</summary>
    private void CloseWithinTable(ElementKind kind)
    {
        for (var i = depth - 1; i >= 0; i--)
        {
            var element = openElements[i];
            if (element.Kind == kind)
            {
                Truncate(i);
                return;
            }

            if (element.Kind == ElementKind.Table)
            {
                return;
            }
        }
    }

    private void Push(int node, HtmlElementName element)
    {
        if (depth == open.Length)
        {
            Array.Resize(ref open, depth * 2);
            Array.Resize(ref openElements, depth * 2);
        }

        open[depth] = node;
        openElements[depth++] = element;
    }

    private void Truncate(int count)
    {
        if (count <= headAt)
        {
            headAt = -1;
        }

        depth = count;
    }
}
