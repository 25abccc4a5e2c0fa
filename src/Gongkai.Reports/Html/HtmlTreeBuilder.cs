namespace Gongkai.Reports.Html;

/// <summary>
/// Builds an <see cref="HtmlTree"/> from tokens with the parts of HTML's tree construction that decide where text
/// lands: implied end tags (a new <c>p</c>, <c>li</c>, <c>dd</c>/<c>dt</c>, heading, <c>td</c>/<c>th</c> or <c>tr</c> closes
/// the open one), implied table rows (<c>&lt;table&gt;&lt;td&gt;</c>), a table started outside any cell closes the open
/// table, void elements, <c>&lt;/br&gt;</c> and <c>&lt;/p&gt;</c> with no open paragraph, and stray end tags that close
/// nothing (an end tag never crosses a table or cell boundary; an inline end tag never closes a block). Unclosed
/// elements close at the end of the input. No recursion; nesting deeper than <c>maxDepth</c> is reported as a failure.
/// </summary>
internal sealed class HtmlTreeBuilder
{
    private readonly HtmlTree tree;
    private readonly List<int> open = [];
    private readonly int maxDepth;
    private bool bodySeen;
    private bool headSeen;

    /// <summary>Where <c>head</c> is on the stack while it is open, else -1.</summary>
    private int headAt = -1;

    private HtmlTreeBuilder(HtmlTree tree, int maxDepth)
    {
        this.tree = tree;
        this.maxDepth = maxDepth;
    }

    public static HtmlTree Build(string html, int maxDepth)
    {
        // About one node per 24 chars of a Word-exported page; the pool rounds up and the tree grows if needed.
        var tree = new HtmlTree(html, (html.Length / 24) + 16);
        var builder = new HtmlTreeBuilder(tree, maxDepth);
        var tokenizer = new HtmlTokenizer(html);
        while (tokenizer.Next() != HtmlTokenKind.EndOfFile && tree.Failure is null)
        {
            switch (tokenizer.Kind)
            {
                case HtmlTokenKind.Text:
                    builder.Text(html.AsSpan(tokenizer.Start, tokenizer.End - tokenizer.Start));
                    tree.AddText(builder.Current, tokenizer.Start, tokenizer.End, tokenizer.IsRawText, tokenizer.HasReferences);
                    break;
                case HtmlTokenKind.StartTag:
                    builder.StartTag(tokenizer.Name, tokenizer.Start, tokenizer.End, tokenizer.SelfClosing, tokenizer.Hidden);
                    break;
                case HtmlTokenKind.EndTag:
                    builder.EndTag(tokenizer.Name);
                    break;
            }
        }

        return tree;
    }

    private int Current => open.Count == 0 ? HtmlTree.Root : open[^1];

    /// <summary>Text that is not white space ends an open head (a page that never says &lt;body&gt;).</summary>
    private void Text(ReadOnlySpan<char> text)
    {
        if (headAt >= 0 && headAt == open.Count - 1 && !text.IsWhiteSpace())
        {
            Truncate(headAt);
        }
    }

    private void StartTag(string name, int attributesStart, int attributesEnd, bool selfClosing, bool hidden)
    {
        if (headAt >= 0 && headAt == open.Count - 1 && name is not ("title" or "meta" or "link" or "style" or "script" or "base" or "noscript" or "template" or "head"))
        {
            Truncate(headAt);
        }

        switch (name)
        {
            case "html":
                return;
            case "head" when headSeen || bodySeen:
                return;
            case "body" when bodySeen:
                return;
            case "td" or "th":
                StartCell();
                break;
            case "tr":
                StartRow();
                break;
            case "tbody" or "thead" or "tfoot" or "caption" or "colgroup" or "col":
                CloseToTable(inclusive: false);
                break;
            case "table":
                CloseTableOutsideCell();
                break;
            case "li":
                CloseListItem("li", null);
                break;
            case "dd" or "dt":
                CloseListItem("dd", "dt");
                break;
            case "a":
                CloseInScope("a");
                break;
        }

        if (HtmlNames.ClosesOpenParagraph(name))
        {
            CloseInScope("p");
        }

        if (HtmlNames.IsHeading(name) && open.Count > 0 && HtmlNames.IsHeading(tree.Name(Current)))
        {
            open.RemoveAt(open.Count - 1);
        }

        var element = tree.AddElement(Current, name, attributesStart, attributesEnd, hidden);
        switch (name)
        {
            case "head":
                headSeen = true;
                headAt = open.Count;
                break;
            case "body":
                bodySeen = true;
                break;
            case "table":
                MarkEnclosingTable();
                break;
        }

        // A self-closing tag closes only what HTML does not know (Word's <o:p/>): <div/> is an open div in a browser.
        if (HtmlNames.IsVoid(name) || (selfClosing && (name.Contains(':', StringComparison.Ordinal) || !HtmlNames.IsKnown(name))))
        {
            return;
        }

        open.Add(element);
        if (open.Count > maxDepth)
        {
            tree.Failure = $"elements nest more than {maxDepth} deep";
        }
    }

    private void EndTag(string name)
    {
        switch (name)
        {
            case "head":
                if (headAt >= 0)
                {
                    Truncate(headAt);
                }

                return;
            case "html" or "body":
                // Content after </body> or </html> still belongs to the body, as in a browser.
                return;
            case "br":
                tree.AddElement(Current, "br", 0, 0, hidden: false);
                return;
            case "p":
                if (!CloseInScope("p"))
                {
                    tree.AddElement(Current, "p", 0, 0, hidden: false);
                }

                return;
            case "td" or "th" or "tr" or "tbody" or "thead" or "tfoot" or "caption" or "colgroup":
                CloseWithinTable(name);
                return;
            case "table":
                CloseNearest(name, stopAtSpecial: false, stopAtScope: false);
                return;
        }

        // A block's end tag closes it through anything but a table or cell; an inline one never closes a block.
        var block = HtmlNames.IsSpecial(name);
        CloseNearest(name, stopAtSpecial: !block, stopAtScope: true);
    }

    private void StartCell()
    {
        var context = NearestTableContext(includeCells: true);
        if (context < 0)
        {
            return;
        }

        var contextName = tree.Name(open[context]);
        if (contextName is "td" or "th")
        {
            Truncate(context);
            context = NearestTableContext(includeCells: false);
            contextName = context < 0 ? "" : tree.Name(open[context]);
        }

        if (contextName == "tr")
        {
            Truncate(context + 1);
        }
        else if (context >= 0)
        {
            // <table><td>: the row is implied.
            Truncate(context + 1);
            open.Add(tree.AddElement(Current, "tr", 0, 0, hidden: false));
        }
    }

    private void StartRow()
    {
        var context = NearestTableContext(includeCells: true);
        if (context < 0)
        {
            return;
        }

        if (tree.Name(open[context]) is "td" or "th")
        {
            Truncate(context);
            context = NearestTableContext(includeCells: false);
        }

        if (context >= 0 && tree.Name(open[context]) == "tr")
        {
            Truncate(context);
        }
        else if (context >= 0)
        {
            Truncate(context + 1);
        }
    }

    /// <summary>The open table, row group, row (or cell) nearest the top of the stack; -1 outside tables.</summary>
    private int NearestTableContext(bool includeCells)
    {
        for (var i = open.Count - 1; i >= 0; i--)
        {
            var name = tree.Name(open[i]);
            if (name is "tr" or "tbody" or "thead" or "tfoot" or "table" || (includeCells && name is "td" or "th"))
            {
                return i;
            }
        }

        return -1;
    }

    private void CloseToTable(bool inclusive)
    {
        for (var i = open.Count - 1; i >= 0; i--)
        {
            if (tree.Name(open[i]) == "table")
            {
                Truncate(inclusive ? i : i + 1);
                return;
            }
        }
    }

    /// <summary>A table directly inside a table (not in a cell) ends the first one, as in a browser.</summary>
    private void CloseTableOutsideCell()
    {
        for (var i = open.Count - 1; i >= 0; i--)
        {
            var name = tree.Name(open[i]);
            if (name is "td" or "th" or "caption")
            {
                return;
            }

            if (name == "table")
            {
                Truncate(i);
                return;
            }
        }
    }

    private void MarkEnclosingTable()
    {
        for (var i = open.Count - 1; i >= 0; i--)
        {
            if (tree.Name(open[i]) == "table")
            {
                tree.MarkContainsTable(open[i]);
                return;
            }
        }
    }

    /// <summary>A new list item closes the open one of its kind, unless a block other than address, div or p is in between.</summary>
    private void CloseListItem(string kind, string? otherKind)
    {
        for (var i = open.Count - 1; i >= 0; i--)
        {
            var name = tree.Name(open[i]);
            if (name == kind || name == otherKind)
            {
                Truncate(i);
                return;
            }

            if (HtmlNames.IsSpecial(name) && name is not ("address" or "div" or "p"))
            {
                return;
            }
        }
    }

    /// <summary>Closes the nearest open <paramref name="name"/> unless a table or cell boundary comes first.</summary>
    private bool CloseInScope(string name) => CloseNearest(name, stopAtSpecial: false, stopAtScope: true);

    private bool CloseNearest(string name, bool stopAtSpecial, bool stopAtScope)
    {
        for (var i = open.Count - 1; i >= 0; i--)
        {
            var openName = tree.Name(open[i]);
            if (openName == name)
            {
                Truncate(i);
                return true;
            }

            if ((stopAtScope && HtmlNames.IsScopeBoundary(openName)) || (stopAtSpecial && HtmlNames.IsSpecial(openName)))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>An end tag of a table part closes it, never crossing the table it belongs to.</summary>
    private void CloseWithinTable(string name)
    {
        for (var i = open.Count - 1; i >= 0; i--)
        {
            var openName = tree.Name(open[i]);
            if (openName == name)
            {
                Truncate(i);
                return;
            }

            if (openName == "table")
            {
                return;
            }
        }
    }

    private void Truncate(int count)
    {
        if (count <= headAt)
        {
            headAt = -1;
        }

        open.RemoveRange(count, open.Count - count);
    }
}
