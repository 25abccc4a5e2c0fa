using Gongkai.Reports.Numbers;

namespace Gongkai.Reports.Metrics.Tables;

/// <summary>
/// Reads the pre-2019 政府信息公开情况统计表 (统计指标 | 单位 | 统计数). Rows are recognised by their indicator
/// names; 维持/纠错/其他情形 rows belong to the 行政复议 or 行政诉讼 block above them, the denial reasons to
/// 不同意公开. Fees in 万元 become <c>fees.amount_yuan</c> × 10,000. A table with 本年 | 历年累计 columns (指标名称 |
/// 计量单位 | 本年 | 历年累计) gives the 本年 figure; a cumulative figure is never the year's.
/// </summary>
internal sealed class StatisticsTableReader(TableReadContext context)
{
    private enum Block
    {
        None,
        Denied,
        Reconsideration,
        Litigation,
    }

    // Checked in order; the first cue found in the indicator's name decides.
    private static readonly (string[] Cues, string Key)[] Indicators =
    [
        (["主动公开规范性文件"], "proactive.normative_docs.published"),
        (["制发规范性文件"], "proactive.normative_docs.issued"),
        (["主动公开政府信息", "主动公开信息"], MetricKeys.ProactiveTotalItems),
        (["政府公报公开"], "proactive.channel.gazette"),
        (["政府网站公开"], "proactive.channel.website"),
        (["微博公开"], "proactive.channel.weibo"),
        (["微信公开"], "proactive.channel.wechat"),
        (["其他方式公开"], "proactive.channel.other"),
        (["当面"], "requests.by_channel.in_person"),
        (["传真"], "requests.by_channel.fax"),
        (["网络申请", "网上申请", "电子邮件"], "requests.by_channel.online"),
        (["信函"], "requests.by_channel.mail"),
        (["收到申请", "受理申请"], MetricKeys.RequestsNewReceived),
        (["按时办结"], "requests.completed.on_time"),
        (["延期办结"], "requests.completed.extended"),
        (["办结"], "requests.completed"),
        (["已主动公开范围"], MetricKeys.RequestsAlreadyPublic),
        (["同意部分公开"], MetricKeys.RequestsPartiallyGranted),
        (["不同意公开", "不予公开"], MetricKeys.RequestsDeniedTotal),
        (["同意公开"], MetricKeys.RequestsGranted),
        (["申请答复", "答复数"], MetricKeys.RequestsProcessedTotal),
        (["不属于本行政机关", "非本机关", "不属于本机关"], MetricKeys.RequestsNotThisAgency),
        (["不存在"], MetricKeys.RequestsNotExist),
        (["更改补充"], MetricKeys.RequestsAskedToAmend),
        (["其他途径"], MetricKeys.RequestsReferredElsewhere),
        (["行政复议"], MetricKeys.ReconsiderationTotal),
        (["行政诉讼"], MetricKeys.LitigationTotal),
        (["举报投诉", "投诉"], MetricKeys.ComplaintsTotal),
        (["费用", "收费"], MetricKeys.FeesAmountYuan),
    ];

    private static readonly (string[] Cues, string Key)[] DenialReasons =
    [
        (["国家秘密"], "requests.denied.state_secret"),
        (["商业秘密"], "requests.denied.commercial_secret"),
        (["个人隐私"], "requests.denied.personal_privacy"),
        (["危及", "稳定"], "requests.denied.security_stability"),
        (["所指政府信息", "不是条例"], "requests.denied.not_government_info"),
        (["其他情形"], "requests.denied.prohibited_by_law"),
    ];

    private int labelColumn = -1;
    private int unitColumn = -1;
    private int valueColumn = -1;
    private TableGrid? headerGrid;
    private Block block;
    private bool cumulative;

    public static bool IsHeaderRow(TableRow row) =>
        (row.Normalized.Contains("统计指标", StringComparison.Ordinal) || (row.Normalized.Contains("指标名称", StringComparison.Ordinal) && row.Normalized.Contains("本年", StringComparison.Ordinal)))
        && !row.HasNumber;

    public void Read(TableRow row)
    {
        context.FoundStatistics = true;
        var grid = row.Grid;
        if (IsHeaderRow(row))
        {
            headerGrid = grid;
            labelColumn = unitColumn = valueColumn = -1;
            for (var c = 0; c < grid.ColumnCount; c++)
            {
                var text = LabelText.Normalize(grid[row.Index, c].MatchText);
                if (text.Contains("指标", StringComparison.Ordinal) && labelColumn < 0)
                {
                    labelColumn = c;
                }
                else if (text is "单位" or "计量单位")
                {
                    unitColumn = c;
                }
                else if (text.Contains("统计数", StringComparison.Ordinal) || text is "数量" or "数值" || (text.StartsWith("本年", StringComparison.Ordinal) && !text.Contains("累计", StringComparison.Ordinal)))
                {
                    valueColumn = c;
                }
                else if (text.Contains("累计", StringComparison.Ordinal))
                {
                    cumulative = true;
                }
            }

            return;
        }

        TableCell? label;
        TableCell? unit = null;
        int value;
        if (headerGrid is not null && grid.ColumnCount == headerGrid.ColumnCount && labelColumn >= 0 && valueColumn >= 0)
        {
            label = grid[row.Index, labelColumn];
            unit = unitColumn >= 0 ? grid[row.Index, unitColumn] : null;
            value = valueColumn;
        }
        else
        {
            // Without a header: the indicator first, the figure in the last cell, the unit between.
            if (row.Cells.Count < 2)
            {
                return;
            }

            label = row.Cells[0];
            value = row.Cells[^1].Column;
            unit = row.Cells.Count >= 3 ? row.Cells[^2] : null;

            // 本年 | 历年累计 (named by a header above or anywhere in the report): the year's figure is the first of the two.
            if ((cumulative || context.Document.MatchText.Contains("历年累计", StringComparison.Ordinal)) && row.Cells.Count >= 3
                && row.Numbers[^1].IsNumber && row.Numbers[^2].IsNumber)
            {
                value = row.Cells[^2].Column;
                unit = row.Cells.Count >= 4 ? row.Cells[^3] : null;
            }
        }

        var name = LabelText.Normalize(label.MatchText);
        if (name.Length == 0)
        {
            return;
        }

        var key = Resolve(name);
        if (key is null)
        {
            return;
        }

        var unitText = unit is null ? null : LabelText.Normalize(unit.MatchText);
        var scale = key == MetricKeys.FeesAmountYuan && (unitText?.Contains('万') == true || name.Contains("万元", StringComparison.Ordinal)) ? 10_000m : 1m;
        var cell = grid[row.Index, value];
        if (NumberReader.ReadCell(cell.MatchText).Kind == WrittenNumberKind.Text && NumberReader.ReadCell(label.MatchText).Kind == WrittenNumberKind.Text && value == label.Column)
        {
            return;
        }

        context.AddCell(key, grid, row.Index, value, label.Text, unit?.Text, scale, scale != 1m ? "万元" : unit?.Text is { Length: > 0 } u ? u : null);
    }

    private string? Resolve(string name)
    {
        if (block is Block.Reconsideration or Block.Litigation)
        {
            var prefix = block == Block.Reconsideration ? "reconsideration" : "litigation";
            if (name.Contains("维持", StringComparison.Ordinal))
            {
                return prefix + ".upheld";
            }

            if (name.Contains("纠错", StringComparison.Ordinal) || name.Contains("纠正", StringComparison.Ordinal))
            {
                return prefix + ".corrected";
            }

            if (name.Contains("其他情形", StringComparison.Ordinal) || name.Contains("其他", StringComparison.Ordinal) && !name.Contains("诉讼", StringComparison.Ordinal))
            {
                return prefix + ".other";
            }
        }

        if (block == Block.Denied)
        {
            foreach (var (cues, key) in DenialReasons)
            {
                if (LabelText.ContainsAny(name, cues))
                {
                    return key;
                }
            }
        }

        foreach (var (cues, key) in Indicators)
        {
            if (LabelText.ContainsAny(name, cues))
            {
                block = key switch
                {
                    MetricKeys.RequestsDeniedTotal => Block.Denied,
                    MetricKeys.ReconsiderationTotal => Block.Reconsideration,
                    MetricKeys.LitigationTotal => Block.Litigation,
                    _ => Block.None,
                };
                return key;
            }
        }

        block = Block.None;
        return null;
    }
}
