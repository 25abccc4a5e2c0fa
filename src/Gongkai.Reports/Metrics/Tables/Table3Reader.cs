using Gongkai.Reports.Numbers;

namespace Gongkai.Reports.Metrics.Tables;

/// <summary>
/// Reads 表三 (收到和处理政府信息公开申请情况) row by row, whatever the merges: the row's label is the path of
/// label cells left of the figures (三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密), the columns come from the
/// header rows (自然人 | 法人或其他组织: 商业企业 … 其他 | 小计 | 总计). A body split off its header into another
/// &lt;table&gt; is matched to the header by counting columns from the right.
/// </summary>
internal sealed class Table3Reader(TableReadContext context)
{
    private static readonly string[] HeaderCues = ["自然人", "商业企业", "科研机构", "社会公益", "法律服务", "申请人情况", "法人或其他组织"];

    private static readonly string[] FallbackSeven = ["natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org", ""];
    private static readonly string[] FallbackEight = ["natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org", MetricKeys.LegalSubtotalSuffix, ""];

    private readonly List<TableRow> headerRows = [];
    private ColumnMap? columns;
    private Table3Group group;
    private int incompleteFigures;

    /// <summary>True for the rows that name the applicant columns.</summary>
    public static bool IsHeaderRow(TableRow row) => LabelText.ContainsAny(row.Normalized, HeaderCues) && !row.HasNumber;

    public void Read(TableRow row)
    {
        context.FoundTable3 = true;
        if (IsHeaderRow(row))
        {
            if (headerRows.Count > 0 && (headerRows[^1].Grid != row.Grid || headerRows[^1].Index != row.Index - 1))
            {
                headerRows.Clear();
            }

            headerRows.Add(row);
            columns = ColumnMap.FromHeader(headerRows);
            return;
        }

        var values = ValueColumns(row, out var labelCells);
        var labels = new List<string>(labelCells.Count);
        foreach (var cell in labelCells)
        {
            var normalized = LabelText.Normalize(cell.MatchText);
            if (normalized.Length > 0 && (labels.Count == 0 || labels[^1] != normalized))
            {
                labels.Add(normalized);
            }
        }

        var definition = Resolve(labels);
        if (definition is not null && values.Count == 0 && incompleteFigures > 0)
        {
            // A page cut short mid-row (四、结转下年度继续办理 | 6 | 1 |): which columns the figures are is unknown.
            var first = labelCells.Count > 0 ? labelCells[0] : row.Cells[0];
            context.Figures.Problem(
                ProblemCodes.FiguresRowIncomplete,
                $"表三 row “{string.Join(" / ", labelCells.Select(c => c.Text).Where(t => t.Length > 0).Distinct())}” has only {incompleteFigures} figures where the table has 7 or 8 (a page cut short?); none is taken.",
                definition.Key,
                first.TextStart >= 0 ? first.TextStart : null,
                first.TextStart >= 0 ? first.TextStart + first.Text.Length : null);
        }

        if (definition is null || values.Count == 0)
        {
            return;
        }

        if (definition.Group == Table3Group.Other && definition.Key != MetricKeys.RequestsOtherTotal)
        {
            context.Table3HasOtherSubRows = true;
        }

        var rowLabel = string.Join(" / ", labelCells.Select(c => c.Text).Where(t => t.Length > 0).Distinct());
        foreach (var (column, suffix, columnLabel) in values)
        {
            var key = definition.KeyFor(suffix);
            context.AddCell(key, row.Grid, row.Index, column, rowLabel, columnLabel);
        }
    }

    private List<(int Column, string Suffix, string? Label)> ValueColumns(TableRow row, out List<TableCell> labelCells)
    {
        var grid = row.Grid;
        var result = new List<(int, string, string?)>(8);
        labelCells = [];
        incompleteFigures = 0;
        if (columns is not null)
        {
            var first = int.MaxValue;
            var valueLike = 0;
            foreach (var (fromRight, suffix, label) in columns.Columns)
            {
                var column = grid.ColumnCount - 1 - fromRight;
                if (column < 1)
                {
                    continue;
                }

                if (TableRow.SameCell(grid[row.Index, column], grid[row.Index, column - 1]) && !grid[row.Index, column].IsOrigin)
                {
                    continue; // a label merged into the figures' columns
                }

                result.Add((column, suffix, label));
                first = Math.Min(first, column);
                if (NumberReader.ReadCell(grid[row.Index, column].MatchText).Kind is not WrittenNumberKind.Text)
                {
                    valueLike++;
                }
            }

            if (result.Count > 0 && valueLike * 2 >= result.Count)
            {
                foreach (var cell in row.Cells)
                {
                    if (cell.Column < first && NumberReader.ReadCell(cell.MatchText).Kind == WrittenNumberKind.Text)
                    {
                        labelCells.Add(cell);
                    }
                }

                return result;
            }

            result.Clear();
        }

        // No usable header: the figures are the trailing cells, in the standard order.
        var cells = row.Cells;
        var firstValue = cells.Count;
        while (firstValue > 0 && row.Numbers[firstValue - 1].Kind is not WrittenNumberKind.Text)
        {
            firstValue--;
        }

        var count = cells.Count - firstValue;
        incompleteFigures = count is > 1 and < 7 ? count : 0;
        var order = count switch
        {
            7 => FallbackSeven,
            8 => FallbackEight,
            1 => [""],
            _ => null,
        };
        for (var i = 0; i < firstValue; i++)
        {
            labelCells.Add(cells[i]);
        }

        if (order is null)
        {
            return result;
        }

        for (var i = 0; i < count; i++)
        {
            result.Add((cells[firstValue + i].Column, order[i], null));
        }

        return result;
    }

    private Table3RowDefinition? Resolve(List<string> labels)
    {
        if (labels.Count == 0)
        {
            return null;
        }

        var leaf = labels[^1];
        var parentGroup = Table3Group.None;
        for (var i = 0; i < labels.Count - 1; i++)
        {
            var g = GroupHeadOf(labels[i]);
            if (g != Table3Group.None)
            {
                parentGroup = g;
            }
        }

        if (parentGroup == Table3Group.None)
        {
            foreach (var top in Table3Layout.TopLevel)
            {
                if (LabelText.ContainsAny(leaf, top.Cues))
                {
                    group = Table3Group.None;
                    return top;
                }
            }

            var head = GroupHeadOf(leaf);
            if (head != Table3Group.None)
            {
                // “（三）不予公开 1.属于国家秘密” in one cell is the first sub-row, not the group's total.
                group = head;
                return MatchSubRow(head, leaf) ?? Table3Layout.TotalOf(head);
            }
        }
        else
        {
            group = parentGroup;
            if (GroupHeadOf(leaf) == parentGroup || leaf.Contains("小计", StringComparison.Ordinal) || leaf.Contains("合计", StringComparison.Ordinal))
            {
                return Table3Layout.TotalOf(parentGroup);
            }
        }

        if (group != Table3Group.None)
        {
            var sub = MatchSubRow(group, leaf);
            if (sub is not null)
            {
                return sub;
            }
        }

        // A continuation body without its group cell: the sub-row's own words decide when they are unique.
        Table3RowDefinition? unique = null;
        foreach (var candidate in Table3Layout.SubRows)
        {
            if (candidate.Cues.Length > 0 && LabelText.ContainsAny(leaf, candidate.Cues))
            {
                if (unique is not null && unique.Group != candidate.Group)
                {
                    return null;
                }

                unique ??= candidate;
            }
        }

        if (unique is not null)
        {
            group = unique.Group;
        }

        return unique;
    }

    private static Table3RowDefinition? MatchSubRow(Table3Group group, string leaf)
    {
        foreach (var sub in Table3Layout.SubRowsOf(group))
        {
            if (sub.Cues.Length > 0 && LabelText.ContainsAny(leaf, sub.Cues))
            {
                return sub;
            }
        }

        if (group == Table3Group.Other && LabelText.StripNumbering(leaf).SequenceEqual("其他"))
        {
            return Table3Layout.SubRowsOf(Table3Group.Other).Last();
        }

        return null;
    }

    private static Table3Group GroupHeadOf(string label)
    {
        foreach (var total in Table3Layout.GroupTotals)
        {
            if (LabelText.ContainsAny(label, total.Cues))
            {
                return total.Group;
            }
        }

        return Table3Group.None;
    }

    /// <summary>The applicant columns found in the header rows, counted from the right edge of the grid.</summary>
    private sealed class ColumnMap
    {
        public List<(int FromRight, string Suffix, string Label)> Columns { get; } = [];

        public static ColumnMap? FromHeader(List<TableRow> rows)
        {
            var grid = rows[0].Grid;
            var map = new ColumnMap();
            for (var c = 0; c < grid.ColumnCount; c++)
            {
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

                var suffix = Classify(leaf);
                if (suffix is not null)
                {
                    map.Columns.Add((grid.ColumnCount - 1 - c, suffix, string.Join(" / ", written)));
                }
            }

            return map.Columns.Count > 0 ? map : null;
        }

        private static string? Classify(string leaf)
        {
            if (leaf.Contains("自然人", StringComparison.Ordinal) || leaf is "公民")
            {
                return "natural_person";
            }

            if (leaf.Contains("商业", StringComparison.Ordinal) || leaf.Contains("企业", StringComparison.Ordinal))
            {
                return "commercial";
            }

            if (leaf.Contains("科研", StringComparison.Ordinal))
            {
                return "research";
            }

            if (leaf.Contains("公益", StringComparison.Ordinal))
            {
                return "social_welfare";
            }

            if (leaf.Contains("法律服务", StringComparison.Ordinal))
            {
                return "legal_services";
            }

            if (leaf.Contains("小计", StringComparison.Ordinal) || leaf.StartsWith("法人", StringComparison.Ordinal))
            {
                return MetricKeys.LegalSubtotalSuffix;
            }

            if (leaf.Contains("总计", StringComparison.Ordinal) || leaf.Contains("合计", StringComparison.Ordinal) || leaf is "总数")
            {
                return "";
            }

            if (leaf.StartsWith("其他", StringComparison.Ordinal))
            {
                return "other_org";
            }

            return null;
        }
    }
}
