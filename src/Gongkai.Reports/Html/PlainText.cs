namespace Gongkai.Reports.Html;

/// <summary>Reads plain text (a <c>.txt</c> copy of a report) into lines, the same shape as a page.</summary>
internal static class PlainText
{
    public static PageContent Read(ReadOnlySpan<char> text)
    {
        var content = new PageContent { IsPlainText = true };
        var run = new TextRun();
        foreach (var range in text.Split('\n'))
        {
            run.Append(text[range], inLink: false);
            if (run.IsEmpty)
            {
                continue;
            }

            var chars = run.Chars;
            content.Blocks.Add(PageBlock.Line(run.Take(), chars, 0));
        }

        return content;
    }
}
