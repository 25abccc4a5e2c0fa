using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using ReportGrid = Gongkai.Reports.TableGrid;
using WordCell = DocumentFormat.OpenXml.Wordprocessing.TableCell;
using WordGrid = DocumentFormat.OpenXml.Wordprocessing.TableGrid;

namespace Gongkai.Testing.Documents;

/// <summary>Writes a <see cref="ReportLayout"/> as a DOCX the way Word saves a report: paragraphs, tables with <c>w:gridSpan</c> and <c>w:vMerge</c>.</summary>
public static class ReportDocxWriter
{
    public static byte[] Write(ReportLayout layout, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            foreach (var block in layout.Blocks)
            {
                body.Append(block.Table is { } table ? Table(table) : Paragraph(block.Text));
            }

            main.Document = new Document(body);
            if (title is not null)
            {
                document.PackageProperties.Title = title;
            }
        }

        return stream.ToArray();
    }

    private static Paragraph Paragraph(string text) => new(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    private static Table Table(ReportGrid grid)
    {
        var table = new Table(new TableProperties(new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 },
            new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 },
            new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })));
        table.Append(new WordGrid(Enumerable.Range(0, grid.ColumnCount).Select(_ => new GridColumn { Width = "900" })));
        for (var r = 0; r < grid.RowCount; r++)
        {
            var row = new TableRow();
            for (var c = 0; c < grid.ColumnCount;)
            {
                var slot = grid[r, c];
                var properties = new TableCellProperties();
                if (slot.ColSpan > 1)
                {
                    properties.Append(new GridSpan { Val = slot.ColSpan });
                }

                if (slot.RowSpan > 1)
                {
                    properties.Append(new VerticalMerge { Val = slot.IsOrigin ? MergedCellValues.Restart : MergedCellValues.Continue });
                }

                var text = slot.IsOrigin ? slot.Text : "";
                row.Append(new WordCell(properties, Paragraph(text)));
                c += Math.Max(1, slot.ColSpan);
            }

            table.Append(row);
        }

        return table;
    }
}
