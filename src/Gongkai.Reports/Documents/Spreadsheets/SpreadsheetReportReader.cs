using System.Globalization;
using System.Text;
using ExcelDataReader;
using ExcelDataReader.Exceptions;

namespace Gongkai.Reports.Documents.Spreadsheets;

/// <summary>
/// Reads an XLSX or XLS workbook: each sheet's title rows (one text cell, above the table) become lines, the rest a
/// table with its merged cells as spans, so that a statistics sheet reads like the same table on a web page.
/// Provenance keeps the sheet and its cell (<c>Sheet1!C7</c>).
/// </summary>
internal static class SpreadsheetReportReader
{
    public static DocumentContent Read(ReadOnlyMemory<byte> content, string sourceType)
    {
        var result = new DocumentContent(sourceType);
        try
        {
            if (sourceType == SourceTypes.Xlsx && ZipGuard.Check(content) is { } bomb)
            {
                result.Problems.Add(new ReportProblem(ProblemCodes.DocumentTooLarge, bomb));
                return result;
            }

            // XLS files name a code page (GBK for Chinese Excel); .NET has them only through this provider.
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            using var reader = ExcelReaderFactory.CreateReader(new ReadOnlyMemoryStream(content));
            var sheets = 0;
            do
            {
                ReadSheet(reader, result);
            }
            while (++sheets < DocumentLimits.MaxSheets && reader.NextResult());
        }
        catch (Exception e) when (e is ExcelReaderException or InvalidDataException or IOException or InvalidOperationException
            or ArgumentException or System.Xml.XmlException or IndexOutOfRangeException or NullReferenceException or FormatException or NotSupportedException)
        {
            var encrypted = e.Message.Contains("encrypt", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("password", StringComparison.OrdinalIgnoreCase);
            result.Problems.Add(new ReportProblem(
                encrypted ? ProblemCodes.DocumentEncrypted : ProblemCodes.DocumentUnreadable,
                $"The workbook could not be read{(encrypted ? " (encrypted)" : " (damaged or truncated?)")}: {e.GetType().Name}: {e.Message}"));
        }

        return result;
    }

    private static void ReadSheet(IExcelDataReader reader, DocumentContent result)
    {
        var name = reader.Name;
        var rows = new List<string[]>();
        while (rows.Count < DocumentLimits.MaxSheetRows && reader.Read())
        {
            var values = new string[Math.Min(reader.FieldCount, DocumentLimits.MaxColumns)];
            for (var c = 0; c < values.Length; c++)
            {
                values[c] = result.Normalize(Format(reader.GetValue(c)));
            }

            rows.Add(values);
        }

        var merges = (reader.MergeCells ?? []).ToList();
        var used = Enumerable.Range(0, rows.Count).Where(r => rows[r].Any(v => v.Length > 0)).ToList();
        if (used.Count == 0)
        {
            return;
        }

        // Blocks of rows between empty rows: in each, the rows of one text cell above the table (报表名称, 填报单位,
        // a heading) are lines, and so are notes below it.
        var blocks = new List<List<int>>();
        for (var i = 0; i < used.Count; i++)
        {
            if (i == 0 || used[i] != used[i - 1] + 1)
            {
                blocks.Add([]);
            }

            blocks[^1].Add(used[i]);
        }

        foreach (var block in blocks)
        {
            var top = 0;
            while (top < block.Count && IsTitle(rows[block[top]]))
            {
                AddLine(rows[block[top]], name, result);
                top++;
            }

            var bottom = block.Count;
            while (bottom > top + 1 && IsTitle(rows[block[bottom - 1]]) && !rows[block[bottom - 1]].Any(IsNumber))
            {
                bottom--;
            }

            if (bottom > top)
            {
                AddTable(block.GetRange(top, bottom - top), rows, merges, name, result);
            }

            foreach (var row in block.Skip(Math.Max(top, bottom)))
            {
                AddLine(rows[row], name, result);
            }
        }
    }

    private static void AddLine(string[] row, string sheet, DocumentContent result) =>
        result.AddLine(string.Join(' ', row.Where(v => v.Length > 0)), new BlockOrigin(Sheet: sheet));

    private static void AddTable(List<int> tableRows, List<string[]> rows, List<CellRange> merges, string sheet, DocumentContent result)
    {
        var columns = Enumerable.Range(0, rows.Max(r => r.Length))
            .Where(c => tableRows.Any(r => c < rows[r].Length && rows[r][c].Length > 0))
            .ToList();
        var builder = new RawTableBuilder(tableRows.Count, columns.Count);
        for (var r = 0; r < tableRows.Count; r++)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                var (sheetRow, sheetColumn) = (tableRows[r], columns[c]);
                var merge = merges.FirstOrDefault(m => m.FromRow <= sheetRow && sheetRow <= m.ToRow && m.FromColumn <= sheetColumn && sheetColumn <= m.ToColumn);
                if (merge is not null && (merge.FromRow != sheetRow || merge.FromColumn != sheetColumn))
                {
                    continue;
                }

                var rowSpan = merge is null ? 1 : tableRows.Count(x => x >= merge.FromRow && x <= merge.ToRow);
                var colSpan = merge is null ? 1 : columns.Count(x => x >= merge.FromColumn && x <= merge.ToColumn);
                var text = sheetColumn < rows[sheetRow].Length ? rows[sheetRow][sheetColumn] : "";
                builder.Add(r, c, rowSpan, colSpan, text);
            }
        }

        result.AddTable(builder.Build(), new BlockOrigin(Sheet: sheet, SheetRows: tableRows, SheetColumns: columns));
    }

    private static bool IsTitle(string[] row) => row.Count(v => v.Length > 0) == 1;

    private static bool IsNumber(string value) => value.Length > 0 && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _);

    private static string Format(object? value) => value switch
    {
        null => "",
        double d => d.ToString("0.############", CultureInfo.InvariantCulture),
        DateTime t => t.ToString(t.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
