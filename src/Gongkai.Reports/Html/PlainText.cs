namespace Gongkai.Reports.Html;

/// <summary>
/// Reads plain text (a <c>.txt</c> copy of a report) into lines, the same shape as a page: an export header's fields
/// become the page's metadata, as do the lines of a page's metadata block (<see cref="PageFields"/>); tables written with
/// <c>|</c> between cells lose their bars; and a report run together on one line is split back at its headings and chrome.
/// </summary>
internal static partial class PlainText
{
    private const int MetadataLines = 40;

    public static PageContent Read(ReadOnlySpan<char> text)
    {
        var content = new PageContent { IsPlainText = true };
        var lines = new List<string>();
        foreach (var range in text.Split('\n'))
        {
            lines.Add(text[range].ToString());
        }

        var run = new TextRun();
        for (var i = ExportHeader.Read(lines, content.Meta); i < lines.Count; i++)
        {
            // A page's metadata block stands above the report, among its first lines.
            if (i < MetadataLines && PageFields.TryRead(lines[i], content.Meta))
            {
                continue;
            }

            if (lines[i].Contains('|'))
            {
                lines[i] = WithoutCellBars(lines[i]);
            }

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

    // A table written as text (“一、本年新收… | 91 | 12 | … |”, a “|” line between cells, runs of “|” where layout cells
    // were): the bars become spaces, so the row reads as a label and its figures like any text copy of a table.
    // A space inside a cell between two Han characters is a broken word (商业 企业, 本年新 制作数量), not a cell boundary.
    private static string WithoutCellBars(string line)
    {
        var cells = line.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', cells.Select(cell => BrokenWord().Replace(cell, "")));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=\p{IsCJKUnifiedIdeographs})\s+(?=\p{IsCJKUnifiedIdeographs})", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex BrokenWord();

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
