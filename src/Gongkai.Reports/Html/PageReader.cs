using HtmlAgilityPack;

namespace Gongkai.Reports.Html;

/// <summary>
/// Reads a page into lines and data tables in document order, as a reader sees them. Walks the tree without
/// recursion; a table is read as a data table (a grid) or as layout (its cells are just blocks of the page)
/// by <see cref="TableKind"/>.
/// </summary>
internal static class PageReader
{
    /// <summary>Deeper markup is not a report page; HtmlAgilityPack stops there instead of exhausting the stack.</summary>
    public const int MaxNesting = 1500;

    public static PageContent Read(string html)
    {
        var document = new HtmlDocument
        {
            OptionMaxNestedChildNodes = MaxNesting,
            OptionCheckSyntax = false,
            OptionFixNestedTags = false,
            OptionAutoCloseOnEnd = false,
        };

        try
        {
            document.LoadHtml(html);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var fallback = PlainText.Read(MarkupStripper.Strip(html));
            fallback.Fallback = e.Message;
            return fallback;
        }

        var content = new PageContent();
        Walk(document.DocumentNode, content);
        return content;
    }

    private static void Walk(HtmlNode root, PageContent content)
    {
        var line = new TextRun();
        var heading = 0;
        var linkDepth = 0;
        var stack = new Stack<(HtmlNode Node, bool Exit)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (node, exit) = stack.Pop();
            if (exit)
            {
                var closing = node.Name;
                if (closing == "a")
                {
                    linkDepth--;
                }
                else if (HtmlNames.IsBlock(closing))
                {
                    Flush(content, line, heading);
                    if (HtmlNames.HeadingLevel(closing) > 0)
                    {
                        heading = 0;
                    }
                }

                continue;
            }

            switch (node.NodeType)
            {
                case HtmlNodeType.Text:
                    line.Append(HtmlNames.TextOf((HtmlTextNode)node), linkDepth > 0);
                    continue;
                case HtmlNodeType.Element:
                    break;
                default:
                    if (node.NodeType == HtmlNodeType.Document)
                    {
                        PushChildren(stack, node);
                    }

                    continue;
            }

            var name = node.Name;
            if (name == "head")
            {
                ReadHead(node, content);
                continue;
            }

            if (name is "title" or "meta")
            {
                ReadHeadElement(node, content);
                continue;
            }

            if (HtmlNames.IsSkipped(name) || HtmlNames.IsHidden(node))
            {
                continue;
            }

            if (name == "br")
            {
                Flush(content, line, heading);
                continue;
            }

            if (name == "table")
            {
                var rows = TableGridBuilder.RowsOf(node);
                if (TableKind.MayBeData(node, rows) && TableGridBuilder.Build(rows) is var grid && TableKind.IsData(grid))
                {
                    Flush(content, line, heading);
                    content.Blocks.Add(PageBlock.ForTable(grid));
                    continue;
                }
            }

            if (HtmlNames.IsBlock(name))
            {
                Flush(content, line, heading);
                var level = HtmlNames.HeadingLevel(name);
                if (level > 0)
                {
                    heading = level;
                }
            }
            else if (name == "a")
            {
                linkDepth++;
            }

            stack.Push((node, true));
            PushChildren(stack, node);
        }

        Flush(content, line, heading);
    }

    private static void PushChildren(Stack<(HtmlNode, bool)> stack, HtmlNode node)
    {
        var children = node.ChildNodes;
        for (var i = children.Count - 1; i >= 0; i--)
        {
            stack.Push((children[i], false));
        }
    }

    private static void Flush(PageContent content, TextRun line, int heading)
    {
        if (line.IsEmpty)
        {
            return;
        }

        var (chars, links) = (line.Chars, line.LinkChars);
        content.Blocks.Add(PageBlock.Line(line.Take(), chars, links, heading));
    }

    private static void ReadHead(HtmlNode head, PageContent content)
    {
        var stack = new Stack<HtmlNode>();
        stack.Push(head);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node.NodeType != HtmlNodeType.Element)
            {
                continue;
            }

            if (node.Name is "title" or "meta")
            {
                ReadHeadElement(node, content);
                continue;
            }

            foreach (var child in node.ChildNodes)
            {
                stack.Push(child);
            }
        }
    }

    private static void ReadHeadElement(HtmlNode node, PageContent content)
    {
        if (node.Name == "title")
        {
            var run = new TextRun();
            TableGridBuilder.CellText(node, run);
            if (!run.IsEmpty && content.HtmlTitle is null)
            {
                content.HtmlTitle = run.Take();
            }

            return;
        }

        var name = node.Attributes["name"]?.Value ?? node.Attributes["property"]?.Value;
        var value = node.Attributes["content"]?.Value;
        if (!string.IsNullOrWhiteSpace(name) && !string.IsNullOrWhiteSpace(value))
        {
            content.Meta.TryAdd(name.Trim().ToLowerInvariant(), HtmlEntity.DeEntitize(value).Trim());
        }
    }
}
