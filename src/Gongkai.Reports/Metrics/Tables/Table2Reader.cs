using Gongkai.Reports.Numbers;

namespace Gongkai.Reports.Metrics.Tables;

/// <summary>
/// Reads 表二 (主动公开政府信息情况): blocks headed 第二十条第（一）项 …, each with a header row
/// (信息内容 | 本年制发件数 | …) naming the columns and rows naming the subject (规章, 行政许可 …).
/// </summary>
internal sealed class Table2Reader(TableReadContext context)
{
    private static readonly (string Cue, string Subject)[] Subjects =
    [
        ("规范性文件", "normative_docs"),
        ("规章", "rules"),
        ("其他对外管理服务", "other_services"),
        ("对外管理服务", "other_services"),
        ("行政许可", "licensing"),
        ("行政处罚", "penalties"),
        ("行政强制", "enforcement"),
        ("行政事业性收费", "fees"),
        ("集中采购", "procurement"),
        ("政府采购", "procurement"),
    ];

    private static readonly string[] MeasureCues =
        ["制发", "废止", "现行有效", "新制作", "新公开", "对外公开总", "项目数量", "增减", "增/减", "处理决定", "收费金额", "采购总金额", "总金额", "金额"];

    private Measure?[]? measures;
    private TableGrid? measureGrid;

    public static bool IsHeaderRow(TableRow row) =>
        LabelText.ContainsAny(row.Normalized, MeasureCues) && !row.HasNumber;

    public void Read(TableRow row)
    {
        context.FoundTable2 = true;
        if (IsHeaderRow(row))
        {
            ReadHeader(row);
            return;
        }

        if (row.Cells.Count < 2)
        {
            return;
        }

        var label = row.Cells[0];
        var subject = SubjectOf(LabelText.Normalize(label.MatchText));
        if (subject is null)
        {
            return;
        }

        var valueCells = row.Cells.Skip(1).ToList();
        for (var i = 0; i < valueCells.Count; i++)
        {
            var cell = valueCells[i];
            var measure = MeasureFor(row.Grid, cell.Column, i, valueCells.Count, subject);
            if (measure is null)
            {
                continue;
            }

            var key = "proactive." + subject + "." + measure.Name;
            context.AddCell(key, row.Grid, row.Index, cell.Column, label.Text, measure.Label, measure.Scale, measure.Unit);
        }
    }

    private void ReadHeader(TableRow row)
    {
        var grid = row.Grid;
        measures = new Measure?[grid.ColumnCount];
        measureGrid = grid;
        for (var c = 0; c < grid.ColumnCount; c++)
        {
            var cell = grid[row.Index, c];
            measures[c] = MeasureOf(LabelText.Normalize(cell.MatchText), cell.Text);
        }

        var text = row.Normalized;
        if (text.Contains("制发", StringComparison.Ordinal) || text.Contains("废止", StringComparison.Ordinal) || text.Contains("现行有效", StringComparison.Ordinal))
        {
            context.Table2Layout = ReportFormats.Format2021;
        }
        else if (text.Contains("新制作", StringComparison.Ordinal) || text.Contains("新公开", StringComparison.Ordinal) || text.Contains("上一年项目", StringComparison.Ordinal))
        {
            context.Table2Layout ??= ReportFormats.Format2019;
        }
    }

    private Measure? MeasureFor(TableGrid grid, int column, int position, int count, string subject)
    {
        if (measures is not null && measureGrid is not null)
        {
            var c = grid == measureGrid ? column : column + (measureGrid.ColumnCount - grid.ColumnCount);
            if (c >= 0 && c < measures.Length && measures[c] is { } m)
            {
                return m;
            }
        }

        // No header for this block: the standard columns of the layout seen so far.
        var layout2021 = context.Table2Layout != ReportFormats.Format2019;
        return (subject, count, position) switch
        {
            ("rules" or "normative_docs", 3, 0) => new Measure("issued", null, 1m, null),
            ("rules" or "normative_docs", 3, 1) => new Measure(layout2021 ? "repealed" : "published", null, 1m, null),
            ("rules" or "normative_docs", 3, 2) => new Measure("in_force", null, 1m, null),
            ("licensing" or "penalties" or "enforcement" or "other_services", 1, 0) => new Measure("decisions", null, 1m, null),
            ("licensing" or "penalties" or "enforcement" or "other_services", 3, 0) => new Measure("items", null, 1m, null),
            ("licensing" or "penalties" or "enforcement" or "other_services", 3, 1) => new Measure("items_change", null, 1m, null),
            ("licensing" or "penalties" or "enforcement" or "other_services", 3, 2) => new Measure("decisions", null, 1m, null),
            _ => null,
        };
    }

    private static string? SubjectOf(string label)
    {
        foreach (var (cue, subject) in Subjects)
        {
            if (label.Contains(cue, StringComparison.Ordinal))
            {
                return subject;
            }
        }

        return null;
    }

    private static Measure? MeasureOf(string label, string written)
    {
        if (label.Length == 0)
        {
            return null;
        }

        if (label.Contains("金额", StringComparison.Ordinal))
        {
            // Amounts are kept in 万元; a column in 元 is converted.
            var inYuan = label.Contains('元') && !label.Contains("万元", StringComparison.Ordinal);
            return new Measure("amount_wan_yuan", written, inYuan ? 0.0001m : 1m, inYuan ? "元" : "万元");
        }

        string? name =
            label.Contains("制发", StringComparison.Ordinal) || label.Contains("新制作", StringComparison.Ordinal) ? "issued"
            : label.Contains("废止", StringComparison.Ordinal) ? "repealed"
            : label.Contains("现行有效", StringComparison.Ordinal) || label.Contains("对外公开总", StringComparison.Ordinal) ? "in_force"
            : label.Contains("新公开", StringComparison.Ordinal) ? "published"
            : label.Contains("增减", StringComparison.Ordinal) || label.Contains("增", StringComparison.Ordinal) && label.Contains("减", StringComparison.Ordinal) ? "items_change"
            : label.Contains("项目数量", StringComparison.Ordinal) || label.Contains("项目数", StringComparison.Ordinal) ? "items"
            : label.Contains("处理决定", StringComparison.Ordinal) ? "decisions"
            : null;
        return name is null ? null : new Measure(name, written, 1m, null);
    }

    private sealed record Measure(string Name, string? Label, decimal Scale, string? Unit);
}
