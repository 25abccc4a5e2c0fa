using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ReportGrid = Gongkai.Reports.TableGrid;

namespace Gongkai.Testing.Documents;

/// <summary>
/// Writes a report's tables to one XLSX sheet the way agencies publish the statistics workbook: the title in a merged
/// first row, then each table under a blank row, merged cells as <c>mergeCell</c>s, figures as numbers.
/// </summary>
public static class ReportXlsxWriter
{
    public static byte[] Write(ReportLayout layout, string title)
    {
        ArgumentNullException.ThrowIfNull(layout);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            var merges = new MergeCells();
            var row = 1u;
            var tables = layout.Blocks.Where(b => b.Table is not null).Select(b => b.Table!).ToList();
            var width = tables.Count == 0 ? 1 : tables.Max(t => t.ColumnCount);
            data.Append(new Row(Cell(0, row, title)) { RowIndex = row });
            merges.Append(new MergeCell { Reference = $"A1:{Column(width - 1)}1" });
            foreach (var table in tables)
            {
                row += 2;
                Write(table, row, data, merges);
                row += (uint)table.RowCount - 1;
            }

            sheetPart.Worksheet = new Worksheet(data, merges);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "统计表" }));
        }

        return stream.ToArray();
    }

    private static void Write(ReportGrid table, uint firstRow, SheetData data, MergeCells merges)
    {
        for (var r = 0; r < table.RowCount; r++)
        {
            var index = firstRow + (uint)r;
            var row = new Row { RowIndex = index };
            foreach (var cell in table.Row(r).Where(c => c.IsOrigin))
            {
                row.Append(Cell(cell.Column, index, cell.Text));
                if (cell.RowSpan > 1 || cell.ColSpan > 1)
                {
                    merges.Append(new MergeCell { Reference = $"{Column(cell.Column)}{index}:{Column(cell.Column + cell.ColSpan - 1)}{index + (uint)cell.RowSpan - 1}" });
                }
            }

            data.Append(row);
        }
    }

    private static Cell Cell(int column, uint row, string text)
    {
        var reference = $"{Column(column)}{row}";
        var plain = text.Replace(",", "", StringComparison.Ordinal);
        return decimal.TryParse(plain, NumberStyles.Number, CultureInfo.InvariantCulture, out _) && plain.Length > 0
            ? new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(plain) }
            : new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) };
    }

    private static string Column(int column)
    {
        var name = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }
}
