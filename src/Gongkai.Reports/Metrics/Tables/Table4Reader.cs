using Gongkai.Reports.Numbers;

namespace Gongkai.Reports.Metrics.Tables;

/// <summary>
/// Reads 表四 (行政复议、行政诉讼): header rows name each column by group (行政复议 / 未经复议直接起诉 /
/// 复议后起诉) and outcome (结果维持, 结果纠正, 其他结果, 尚未审结, 总计); the data row has the 15 figures.
/// Some agencies publish it transposed: a row per outcome under column headers naming only the groups, or a row
/// per group and outcome with one figure; the outcome is then read from the row's label.
/// </summary>
internal sealed class Table4Reader(TableReadContext context)
{
    private static readonly string[] Groups = ["reconsideration", "litigation.direct", "litigation.after_reconsideration"];

    private readonly List<TableRow> headerRows = [];
    private List<(int FromRight, string Key, string Label)>? columns;
    private List<(int FromRight, string Group, string Label)>? groupColumns;

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
            (columns, groupColumns) = MapColumns(headerRows);
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

        if (ReadTransposed(row))
        {
            return;
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

    /// <summary>A row whose label names the outcome: its figures are the groups' (from the headers, or from the label).</summary>
    private bool ReadTransposed(TableRow row)
    {
        string? outcome = null;
        var labels = new List<string>(3);
        var written = new List<string>(3);
        for (var i = 0; i < row.Cells.Count; i++)
        {
            if (row.Numbers[i].Kind == WrittenNumberKind.Text)
            {
                var normalized = LabelText.Normalize(row.Cells[i].MatchText);
                labels.Add(normalized);
                if (!written.Contains(row.Cells[i].Text))
                {
                    written.Add(row.Cells[i].Text);
                }

                outcome = OutcomeOf(normalized) ?? outcome;
            }
        }

        if (outcome is null)
        {
            return false;
        }

        var read = 0;
        var grid = row.Grid;
        var label = string.Join(" / ", written);
        if (groupColumns is { Count: > 0 })
        {
            foreach (var (fromRight, group, columnLabel) in groupColumns)
            {
                var column = grid.ColumnCount - 1 - fromRight;
                if (column >= 0 && CellKind(row, column) is WrittenNumberKind.Number)
                {
                    context.AddCell(group + "." + outcome, grid, row.Index, column, label, columnLabel);
                    read++;
                }
            }

            return read > 0;
        }

        var groupOf = GroupOf(string.Concat(labels));
        var values = row.Cells.Where((_, i) => row.Numbers[i].Kind == WrittenNumberKind.Number).ToList();
        if (groupOf is null || values.Count != 1)
        {
            return false;
        }

        context.AddCell(groupOf + "." + outcome, grid, row.Index, values[0].Column, label, null);
        return true;
    }

    private static WrittenNumberKind CellKind(TableRow row, int column)
    {
        for (var i = 0; i < row.Cells.Count; i++)
        {
            if (row.Cells[i].Column == column)
            {
                return row.Numbers[i].Kind;
            }
        }

        return WrittenNumberKind.Text;
    }

    private static string? GroupOf(string path) =>
        path.Contains("复议后", StringComparison.Ordinal) ? "litigation.after_reconsideration"
        : path.Contains("直接起诉", StringComparison.Ordinal) || path.Contains("未经复议", StringComparison.Ordinal) ? "litigation.direct"
        : path.Contains("诉讼", StringComparison.Ordinal) ? "litigation"
        : path.Contains("复议", StringComparison.Ordinal) ? "reconsideration"
        : null;

    private static string? OutcomeOf(string leaf) =>
        leaf.Contains("维持", StringComparison.Ordinal) ? "upheld"
        : leaf.Contains("纠正", StringComparison.Ordinal) || leaf.Contains("纠错", StringComparison.Ordinal) ? "corrected"
        : leaf.Contains("其他", StringComparison.Ordinal) ? "other"
        : leaf.Contains("审结", StringComparison.Ordinal) ? "pending"
        : leaf.Contains("总计", StringComparison.Ordinal) || leaf.Contains("合计", StringComparison.Ordinal) || leaf.Contains("小计", StringComparison.Ordinal) ? "total"
        : null;

    private static (List<(int, string, string)>?, List<(int, string, string)>?) MapColumns(List<TableRow> rows)
    {
        var grid = rows[0].Grid;
        var result = new List<(int, string, string)>(15);
        var groups = new List<(int, string, string)>(3);
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

            var group = GroupOf(path);
            var outcome = OutcomeOf(leaf);
            if (group is not null && outcome is not null)
            {
                result.Add((grid.ColumnCount - 1 - c, group + "." + outcome, string.Join(" / ", written)));
            }
            else if (group is not null)
            {
                groups.Add((grid.ColumnCount - 1 - c, group, string.Join(" / ", written)));
            }
        }

        return (result.Count > 0 ? result : null, result.Count == 0 && groups.Count > 0 ? groups : null);
    }
}
