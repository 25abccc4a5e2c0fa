using System.Text.RegularExpressions;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Exceptions;

namespace Gongkai.Reports.Documents.Pdf;

/// <summary>
/// Reads a PDF's text layer into lines and tables: letters → lines by baseline → running headers and footers
/// removed → tables where lines split into columns → the other lines joined into paragraphs. A PDF without text
/// (a scan) is <see cref="ProblemCodes.PdfNoText"/>; encrypted or damaged files are problems, never exceptions.
/// </summary>
internal static partial class PdfReportReader
{
    public static DocumentContent Read(ReadOnlyMemory<byte> content)
    {
        var result = new DocumentContent(SourceTypes.Pdf);
        List<PdfLine> lines;
        try
        {
            lines = ReadLines(content, result);
        }
        catch (PdfDocumentEncryptedException e)
        {
            result.Problems.Add(new ReportProblem(ProblemCodes.DocumentEncrypted, $"The PDF is encrypted and cannot be read without its password ({e.Message})."));
            return result;
        }
        catch (Exception e) when (e is PdfDocumentFormatException or InvalidOperationException or ArgumentException
            or IndexOutOfRangeException or NullReferenceException or InvalidCastException or KeyNotFoundException
            or FormatException or OverflowException or NotSupportedException or EndOfStreamException or IOException)
        {
            result.Problems.Add(new ReportProblem(ProblemCodes.DocumentUnreadable, $"The PDF could not be read (damaged or truncated?): {e.GetType().Name}: {e.Message}"));
            return result;
        }

        if (lines.Count == 0)
        {
            if (!result.Problems.Any(p => p.Code == ProblemCodes.DocumentUnreadable))
            {
                result.Problems.Add(new ReportProblem(ProblemCodes.PdfNoText, "The PDF has no text layer (a scanned document?); it is kept for a later reading."));
            }

            return result;
        }

        RemoveRunningLines(lines, result.Removed);
        Lay(lines, result);
        return result;
    }

    private static List<PdfLine> ReadLines(ReadOnlyMemory<byte> content, DocumentContent result)
    {
        using var document = PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        var title = document.Information.Title;
        if (!string.IsNullOrWhiteSpace(title))
        {
            result.Page.Meta["articletitle"] = result.Normalize(title);
        }

        var pages = Math.Min(document.NumberOfPages, DocumentLimits.MaxPdfPages);
        if (document.NumberOfPages > pages)
        {
            result.Problems.Add(new ReportProblem(
                ProblemCodes.DocumentTooLarge,
                $"The PDF has {document.NumberOfPages:N0} pages; only the first {pages} were read."));
        }

        var lines = new List<PdfLine>();
        var letters = 0;
        for (var number = 1; number <= pages; number++)
        {
            UglyToad.PdfPig.Content.Page page;
            try
            {
                page = document.GetPage(number);
            }
            catch (Exception e) when (e is PdfDocumentFormatException or InvalidOperationException or ArgumentException or IndexOutOfRangeException or NullReferenceException or KeyNotFoundException or InvalidCastException or EndOfStreamException)
            {
                result.Problems.Add(new ReportProblem(ProblemCodes.DocumentUnreadable, $"Page {number} of the PDF could not be read ({e.GetType().Name}: {e.Message}); the pages before it were."));
                break;
            }

            letters += page.Letters.Count;
            lines.AddRange(PdfLine.Read(page.Letters, number));
            if (letters > DocumentLimits.MaxPdfLetters)
            {
                result.Problems.Add(new ReportProblem(
                    ProblemCodes.DocumentTooLarge,
                    $"The PDF holds more than {DocumentLimits.MaxPdfLetters:N0} characters; it was read up to page {number}."));
                break;
            }
        }

        return lines;
    }

    /// <summary>
    /// Page numbers, and lines at the top or bottom of pages that repeat on most pages with only their digits
    /// changed (a browser's date, title and URL; 第 3 页 共 8 页), are not the report.
    /// </summary>
    private static void RemoveRunningLines(List<PdfLine> lines, List<string> removed)
    {
        var pages = lines.GroupBy(l => l.Page).ToList();
        var edges = new List<PdfLine>();
        foreach (var page in pages)
        {
            var ordered = page.ToList();
            edges.AddRange(ordered.Take(2));
            edges.AddRange(ordered.TakeLast(2));
        }

        var repeats = edges.Distinct().GroupBy(l => Digits().Replace(l.Text, "#")).ToDictionary(g => g.Key, g => g.Select(l => l.Page).Distinct().Count());
        var needed = Math.Max(2, (pages.Count + 1) / 2);
        foreach (var line in edges.Distinct())
        {
            if (PageNumber().IsMatch(line.Text) || (pages.Count > 1 && repeats[Digits().Replace(line.Text, "#")] >= needed))
            {
                lines.Remove(line);
                removed.Add(line.Text);
            }
        }
    }

    /// <summary>Tables where consecutive lines split into columns; the other lines are prose, joined into paragraphs.</summary>
    private static void Lay(List<PdfLine> lines, DocumentContent result)
    {
        var inTable = TableLines(lines);
        var paragraph = new List<PdfLine>();
        var (left, right) = Margins(lines, inTable);
        for (var i = 0; i < lines.Count; i++)
        {
            if (inTable[i])
            {
                var end = i;
                while (end < lines.Count && inTable[end])
                {
                    end++;
                }

                FlushParagraph(paragraph, result);
                var run = lines.GetRange(i, end - i);
                var tables = PdfTableBuilder.Build(run);
                if (tables.All(t => t is not null))
                {
                    foreach (var (table, rowPages) in tables.Select(t => t!.Value))
                    {
                        result.AddTable(Normalized(table, result), new BlockOrigin(rowPages[0], rowPages));
                    }
                }
                else
                {
                    foreach (var line in run)
                    {
                        result.AddLine(line.Text, new BlockOrigin(line.Page));
                    }
                }

                i = end - 1;
                continue;
            }

            var current = lines[i];
            if (paragraph.Count > 0 && !Continues(paragraph[^1], current, left, right))
            {
                FlushParagraph(paragraph, result);
            }

            paragraph.Add(current);
        }

        FlushParagraph(paragraph, result);
    }

    /// <summary>
    /// Lines of two or more segments are table rows; a one-segment line of the same size right above, below or
    /// between them (a heading row spanning the table, a wrapped cell) belongs to the table when it is not a full
    /// line of prose. A run needs two rows of columns to be a table.
    /// </summary>
    private static bool[] TableLines(List<PdfLine> lines)
    {
        var marked = lines.Select(l => l.Segments.Count >= 2).ToArray();
        var width = lines.Max(l => l.Right) - lines.Min(l => l.Left);
        bool changed;
        do
        {
            changed = false;
            for (var i = 0; i < lines.Count; i++)
            {
                if (marked[i])
                {
                    continue;
                }

                foreach (var j in new[] { i - 1, i + 1 })
                {
                    if (j >= 0 && j < lines.Count && marked[j] && Adjacent(lines[i], lines[j], width))
                    {
                        marked[i] = changed = true;
                        break;
                    }
                }
            }
        }
        while (changed);

        for (var i = 0; i < lines.Count;)
        {
            var end = i;
            while (end < lines.Count && marked[end] == marked[i])
            {
                end++;
            }

            if (marked[i] && lines.Skip(i).Take(end - i).Count(l => l.Segments.Count >= 2) < 2)
            {
                Array.Fill(marked, false, i, end - i);
            }

            i = end;
        }

        return marked;
    }

    private static bool Adjacent(PdfLine line, PdfLine row, double width)
    {
        if (Math.Abs(line.Size - row.Size) > 0.6 || line.Right - line.Left > width * 0.6)
        {
            return false;
        }

        var gap = Math.Abs(row.Baseline - line.Baseline);
        return line.Page == row.Page ? gap <= 3 * line.Size : true;
    }

    private static (double Left, double Right) Margins(List<PdfLine> lines, bool[] inTable)
    {
        var prose = lines.Where((_, i) => !inTable[i]).ToList();
        if (prose.Count == 0)
        {
            return (0, 0);
        }

        var lefts = prose.Select(l => l.Left).Order().ToList();
        var rights = prose.Select(l => l.Right).Order().ToList();
        return (lefts[lefts.Count / 20], rights[rights.Count * 19 / 20]);
    }

    /// <summary>A line continues the paragraph above when that one runs to the right margin and this one is not indented.</summary>
    private static bool Continues(PdfLine above, PdfLine line, double left, double right)
    {
        var size = line.Size;
        var samePageGap = above.Page == line.Page ? above.Baseline - line.Baseline : 0;
        return Math.Abs(above.Size - size) <= 0.6
            && above.Right >= right - (1.5 * size)
            && line.Left <= left + (0.5 * size)
            && samePageGap <= 2.2 * size;
    }

    private static void FlushParagraph(List<PdfLine> paragraph, DocumentContent result)
    {
        if (paragraph.Count == 0)
        {
            return;
        }

        var text = string.Concat(paragraph.Select(l => l.Text));
        result.AddLine(text, new BlockOrigin(paragraph[0].Page));
        paragraph.Clear();
    }

    private static Html.RawTable Normalized(Html.RawTable table, DocumentContent result)
    {
        var cells = table.Cells.Select(c => c with { Text = result.Normalize(c.Text) }).ToList();
        return new Html.RawTable(cells, table.Slots, table.Chars, table.LinkChars, table.LongestCellChars);
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"^\s*(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|\d+|Page \d+(?: of \d+)?)\s*$")]
    private static partial Regex PageNumber();
}
