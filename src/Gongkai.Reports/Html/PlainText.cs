namespace Gongkai.Reports.Html;

/// <summary>
/// Reads plain text (a <c>.txt</c> copy of a report) into lines, the same shape as a page: an export header's fields
/// become the page's metadata, and a report run together on one line is split back at its headings and chrome.
/// </summary>
internal static class PlainText
{
    public static PageContent Read(ReadOnlySpan<char> text)
    {
        var content = new PageContent();
        var lines = new List<string>();
        foreach (var range in text.Split('\n'))
        {
            lines.Add(text[range].ToString());
        }

        var run = new TextRun();
        for (var i = ExportHeader.Read(lines, content.Meta); i < lines.Count; i++)
        {
            run.Append(lines[i], inLink: false);
            if (run.IsEmpty)
            {
                continue;
            }

            var chars = run.Chars;
            var line = run.Take();
            if (line.Length < RunOnLine.MinLength)
            {
                content.Blocks.Add(PageBlock.Line(line, chars, 0));
                continue;
            }

            foreach (var piece in RunOnLine.Split(line))
            {
                content.Blocks.Add(PageBlock.Line(piece, CountVisible(piece), 0));
            }
        }

        return content;
    }

    private static int CountVisible(string line)
    {
        var count = 0;
        foreach (var c in line)
        {
            if (!char.IsWhiteSpace(c))
            {
                count++;
            }
        }

        return count;
    }
}
