using Gongkai.Reports.Numbers;

namespace Gongkai.Reports.Metrics.Tables;

/// <summary>
/// Reads 表四 (行政复议、行政诉讼): header rows name each column by group (行政复议 / 未经复议直接起诉 /
/// 复议后起诉) and outcome (结果维持, 结果纠正, 其他结果, 尚未审结, 总计); the data row has the 15 figures.
/// </summary>
internal sealed class Table4Reader(TableReadContext context)
{
    private static readonly string[] Groups = ["reconsideration", "litigation.direct", "litigation.after_reconsideration"];

    private readonly List<TableRow> headerRows = [];
    private List<(int FromRight, string Key, string Label)>? columns;

    public static bool IsHeaderRow(TableRow row) =>
        LabelText.ContainsAny(row.Normalized, HeaderCues) && !row.HasNumber;

    private static readonly string[] HeaderCues = ["行政复议", "行政诉讼", "维持", "纠正", "审结", "直接起诉", "复议后起诉"];

    public void Read(TableRow row)
    {
        context.FoundTable4 = true;
        if (IsHeaderRow(row))
        {
            if (headerRows.Count > 0 && (headerRows[^1].Grid != row.Grid || headerRows[^1].Index != row.Index - 1))
            {
                headerRows.Clear();
            }

            headerRows.Add(row);
            columns = MapColumns(headerRows);
            return;
        }

        if (!row.HasNumber)
        {
            return;
        }

        var grid = row.Grid;
        if (columns is { Count: > 0 })
        {
            var read = 0;
            foreach (var (fromRight, key, label) in columns)
            {
                var column = grid.ColumnCount - 1 - fromRight;
                if (column < 0)
                {
                    continue;
                }

                context.AddCell(key, grid, row.Index, column, RowLabel(row), label);
                read++;
            }

            if (read > 0)
            {
                return;
            }
        }

        // No header: one row of 15 figures in the standard order.
        var values = row.Cells.Where(c => NumberReader.ReadCell(c.MatchText).Kind is not WrittenNumberKind.Text).ToList();
        if (values.Count != 15)
        {
            return;
        }

        for (var i = 0; i < 15; i++)
        {
            var key = Groups[i / 5] + "." + MetricKeys.ReviewOutcomes[i % 5];
            context.AddCell(key, grid, row.Index, values[i].Column, RowLabel(row), null);
        }
    }

    private static string? RowLabel(TableRow row)
    {
        var first = row.Cells.Count > 0 ? row.Cells[0] : null;
        return first is not null && NumberReader.ReadCell(first.MatchText).Kind == WrittenNumberKind.Text ? first.Text : null;
    }

    private static List<(int, string, string)>? MapColumns(List<TableRow> rows)
    {
        var grid = rows[0].Grid;
        var result = new List<(int, string, string)>(15);
        for (var c = 0; c < grid.ColumnCount; c++)
        {
            var path = "";
            string? leaf = null;
            var written = new List<string>(3);
            foreach (var row in rows)
            {
                var cell = grid[row.Index, c];
                var normalized = LabelText.Normalize(cell.MatchText);
                if (normalized.Length == 0)
                {
                    continue;
                }

                path += normalized;
                leaf = normalized;
                if (written.Count == 0 || written[^1] != cell.Text)
                {
                    written.Add(cell.Text);
                }
            }

            if (leaf is null)
            {
                continue;
            }

            var group = path.Contains("复议后", StringComparison.Ordinal) ? "litigation.after_reconsideration"
                : path.Contains("直接起诉", StringComparison.Ordinal) || path.Contains("未经复议", StringComparison.Ordinal) ? "litigation.direct"
                : path.Contains("诉讼", StringComparison.Ordinal) ? "litigation"
                : path.Contains("复议", StringComparison.Ordinal) ? "reconsideration"
                : null;
            var outcome = leaf.Contains("维持", StringComparison.Ordinal) ? "upheld"
                : leaf.Contains("纠正", StringComparison.Ordinal) || leaf.Contains("纠错", StringComparison.Ordinal) ? "corrected"
                : leaf.Contains("其他", StringComparison.Ordinal) ? "other"
                : leaf.Contains("审结", StringComparison.Ordinal) ? "pending"
                : leaf.Contains("总计", StringComparison.Ordinal) || leaf.Contains("合计", StringComparison.Ordinal) || leaf.Contains("小计", StringComparison.Ordinal) ? "total"
                : null;
            if (group is not null && outcome is not null)
            {
                result.Add((grid.ColumnCount - 1 - c, group + "." + outcome, string.Join(" / ", written)));
            }
        }

        return result.Count > 0 ? result : null;
    }
}
