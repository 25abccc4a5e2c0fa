namespace Gongkai.Reports.Html;

/// <summary>
/// Reads a page into lines and data tables in document order, as a reader sees them. Walks the tree without
/// recursion; a table is read as a data table (a grid) or as layout (its cells are just blocks of the page)
/// by <see cref="TableKind"/>.
/// </summary>
internal static class PageReader
{
    /// <summary>Deeper markup is not a report page: it is read with its tags stripped instead.</summary>
    public const int MaxNesting = 1500;

    public static PageContent Read(ReadOnlyMemory<char> html, ParseTimings? timings = null)
    {
        var started = timings is null ? default : ParseTimings.Start();
        using var tree = HtmlTreeBuilder.Build(html, MaxNesting);
        timings?.Add("html.tree", started);
        if (tree.Failure is { } failure)
        {
            var fallback = PlainText.Read(MarkupStripper.Strip(html.ToString()));
            fallback.Fallback = failure;
            return fallback;
        }

        var content = new PageContent();
        new Walker(tree, content).Walk();
        return content;
    }

    private sealed class Walker(HtmlTree tree, PageContent content)
    {
        private readonly TextRun line = new();
        private readonly TableGridBuilder tables = new(tree);
        private int heading;
        private int linkDepth;

        public void Walk()
        {
            var node = tree.FirstChild(HtmlTree.Root);
            while (node != HtmlTree.None)
            {
                if (Enter(node))
                {
                    var child = tree.FirstChild(node);
                    if (child != HtmlTree.None)
                    {
                        node = child;
                        continue;
                    }

                    Exit(node);
                }

                // Next in document order: a sibling, or the sibling of the nearest ancestor that has one.
                while (true)
                {
                    var sibling = tree.NextSibling(node);
                    if (sibling != HtmlTree.None)
                    {
                        node = sibling;
                        break;
                    }

                    node = tree.Parent(node);
                    if (node is HtmlTree.Root or HtmlTree.None)
                    {
                        node = HtmlTree.None;
                        break;
                    }

                    Exit(node);
                }
            }

            Flush();
        }

        /// <summary>Reads a node; true when its children are to be read (and <see cref="Exit"/> called after them).</summary>
        private bool Enter(int node)
        {
            if (!tree.IsElement(node))
            {
                line.AppendMarkup(tree, node, linkDepth > 0);
                return false;
            }

            var element = tree.Element(node)!;
            switch (element.Kind)
            {
                case ElementKind.Head:
                    ReadHead(node);
                    return false;
                case ElementKind.Title or ElementKind.Meta:
                    ReadHeadElement(node);
                    return false;
            }

            if (element.IsSkipped || tree.IsHidden(node))
            {
                return false;
            }

            if (element.Kind == ElementKind.Br)
            {
                Flush();
                return false;
            }

            if (element.Kind == ElementKind.Table && tables.TryReadData(node) is { } grid)
            {
                Flush();
                content.Blocks.Add(PageBlock.ForTable(grid));
                return false;
            }

            if (element.IsBlock)
            {
                Flush();
                if (element.HeadingLevel > 0)
                {
                    heading = element.HeadingLevel;
                }
            }
            else if (element.Kind == ElementKind.A)
            {
                linkDepth++;
            }

            return true;
        }

        private void Exit(int node)
        {
            var element = tree.Element(node)!;
            if (element.Kind == ElementKind.A)
            {
                linkDepth--;
            }
            else if (element.IsBlock)
            {
                Flush();
                if (element.HeadingLevel > 0)
                {
                    heading = 0;
                }
            }
        }

        private void Flush()
        {
            if (line.IsEmpty)
            {
                return;
            }

            var (chars, links) = (line.Chars, line.LinkChars);
            content.Blocks.Add(PageBlock.Line(line.Take(), chars, links, heading));
        }

        /// <summary>Of the head, only the title and the meta elements are read; the rest is not shown.</summary>
        private void ReadHead(int head)
        {
            var node = tree.FirstChild(head);
            while (node != HtmlTree.None && node != head)
            {
                var descend = tree.Element(node) is { Kind: not (ElementKind.Title or ElementKind.Meta) };
                if (!descend && tree.IsElement(node))
                {
                    ReadHeadElement(node);
                }

                var child = descend ? tree.FirstChild(node) : HtmlTree.None;
                if (child != HtmlTree.None)
                {
                    node = child;
                    continue;
                }

                while (node != head && tree.NextSibling(node) == HtmlTree.None)
                {
                    node = tree.Parent(node);
                }

                node = node == head ? HtmlTree.None : tree.NextSibling(node);
            }
        }

        private void ReadHeadElement(int node)
        {
            if (tree.Element(node)!.Kind == ElementKind.Title)
            {
                var run = new TextRun();
                tables.CellText(node, run);
                if (!run.IsEmpty && content.HtmlTitle is null)
                {
                    content.HtmlTitle = run.Take();
                }

                return;
            }

            var name = tree.Attribute(node, "name") ?? tree.Attribute(node, "property");
            var value = tree.Attribute(node, "content");
            if (!string.IsNullOrWhiteSpace(name) && !string.IsNullOrWhiteSpace(value))
            {
                content.Meta.TryAdd(name.Trim().ToLowerInvariant(), value.Trim());
            }
        }
    }
}
