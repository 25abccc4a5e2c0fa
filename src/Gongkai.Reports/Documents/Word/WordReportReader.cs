using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using WordCell = DocumentFormat.OpenXml.Wordprocessing.TableCell;

namespace Gongkai.Reports.Documents.Word;

/// <summary>
/// Reads a DOCX body into lines (one per paragraph) and tables (<c>w:gridSpan</c> and <c>w:vMerge</c> as spans), in
/// document order. The package is checked for zip bombs first, and the SDK reads no part beyond
/// <see cref="DocumentLimits.MaxCharactersInPart"/>.
/// </summary>
internal static class WordReportReader
{
    public static DocumentContent Read(ReadOnlyMemory<byte> content)
    {
        var result = new DocumentContent(SourceTypes.Docx);
        try
        {
            if (ZipGuard.Check(content) is { } bomb)
            {
                result.Problems.Add(new ReportProblem(ProblemCodes.DocumentTooLarge, bomb));
                return result;
            }

            using var document = WordprocessingDocument.Open(
                new ReadOnlyMemoryStream(content),
                isEditable: false,
                new OpenSettings { MaxCharactersInPart = DocumentLimits.MaxCharactersInPart });
            if (document.PackageProperties.Title is { Length: > 0 } title)
            {
                result.Page.Meta["articletitle"] = result.Normalize(title);
            }

            if (document.MainDocumentPart?.Document?.Body is { } body)
            {
                ReadBlocks(body, result);
            }
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or XmlException or IOException
            or InvalidOperationException or ArgumentException or FileFormatException)
        {
            result.Problems.Add(new ReportProblem(
                e is FileFormatException && e.Message.Contains("encrypt", StringComparison.OrdinalIgnoreCase) ? ProblemCodes.DocumentEncrypted : ProblemCodes.DocumentUnreadable,
                $"The Word document could not be read (damaged or truncated?): {e.GetType().Name}: {e.Message}"));
        }

        return result;
    }

    private static void ReadBlocks(OpenXmlElement container, DocumentContent result)
    {
        foreach (var element in container.Elements())
        {
            switch (element)
            {
                case Paragraph paragraph:
                    foreach (var line in ParagraphLines(paragraph))
                    {
                        result.AddLine(line, BlockOrigin.None, HeadingLevel(paragraph));
                    }

                    break;
                case Table table:
                    if (ReadTable(table, result) is { } raw)
                    {
                        result.AddTable(raw, BlockOrigin.None);
                    }

                    break;
                case SdtBlock or SdtContentBlock or CustomXmlBlock:
                    ReadBlocks(element, result);
                    break;
            }
        }
    }

    /// <summary>A paragraph's text, split at manual line breaks (<c>w:br</c>) as a browser splits at <c>&lt;br&gt;</c>.</summary>
    private static IEnumerable<string> ParagraphLines(OpenXmlElement paragraph)
    {
        var text = new StringBuilder();
        foreach (var node in paragraph.Descendants())
        {
            switch (node)
            {
                case Text t:
                    text.Append(t.Text);
                    break;
                case TabChar:
                    text.Append(' ');
                    break;
                case Break or CarriageReturn:
                    yield return text.ToString();
                    text.Clear();
                    break;
            }
        }

        yield return text.ToString();
    }

    private static int HeadingLevel(Paragraph paragraph)
    {
        var style = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
        return style is { Length: 8 } && style.StartsWith("Heading", StringComparison.OrdinalIgnoreCase) && char.IsAsciiDigit(style[7])
            ? Math.Min(6, style[7] - '0')
            : 0;
    }

    private static Html.RawTable? ReadTable(Table table, DocumentContent result)
    {
        var rows = table.Elements<TableRow>().Take(DocumentLimits.MaxSheetRows).ToList();
        if (rows.Count == 0)
        {
            return null;
        }

        // Each row's cells with their grid columns; a cell whose vMerge continues belongs to the cell above.
        var placed = new List<List<(int Column, int Span, bool Continues, string Text)>>();
        var columns = 0;
        foreach (var row in rows)
        {
            var cells = new List<(int, int, bool, string)>();
            var column = row.TableRowProperties?.GetFirstChild<GridBefore>()?.Val?.Value ?? 0;
            foreach (var cell in row.Elements<WordCell>())
            {
                var span = Math.Max(1, cell.TableCellProperties?.GridSpan?.Val?.Value ?? 1);
                var merge = cell.TableCellProperties?.VerticalMerge;
                var continues = merge is not null && (merge.Val is null || merge.Val.Value == MergedCellValues.Continue);
                var text = string.Concat(cell.Descendants<Paragraph>().Where(p => p.Ancestors<WordCell>().First() == cell).SelectMany(ParagraphLines));
                cells.Add((column, span, continues, result.Normalize(text)));
                column += span;
            }

            columns = Math.Max(columns, column);
            placed.Add(cells);
        }

        columns = Math.Min(columns, DocumentLimits.MaxColumns);
        if (columns == 0)
        {
            return null;
        }

        var builder = new RawTableBuilder(placed.Count, columns);
        for (var r = 0; r < placed.Count; r++)
        {
            foreach (var (column, span, continues, text) in placed[r])
            {
                if (continues || column >= columns)
                {
                    continue;
                }

                var rowSpan = 1;
                while (r + rowSpan < placed.Count && placed[r + rowSpan].Any(c => c.Column == column && c.Continues))
                {
                    rowSpan++;
                }

                builder.Add(r, column, rowSpan, span, text);
            }
        }

        return builder.Build();
    }
}
