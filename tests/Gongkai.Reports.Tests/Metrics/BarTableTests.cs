using static Gongkai.Reports.Tests.Text.TextFixtures;

namespace Gongkai.Reports.Tests.Metrics;

/// <summary>
/// Tables written as page text with <c>|</c> between cells, half-width punctuation throughout: one row per line, or one
/// cell per line with a <c>|</c> line between cells; units written in cells; a page cut short mid-table.
/// </summary>
public sealed class BarTableTests
{
    private static readonly string Table2 = string.Join("\n|\n",
        "第二十条第(一)项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "规章", "0", "0", "2", "行政规范性文件", "4", "1", "27",
        "第二十条第(五)项", "信息内容", "本年处理决定数量", "行政许可", "2,031",
        "第二十条第(八)项", "信息内容", "本年收费金额(单位:万元)", "行政事业性收费", "160.5964万元") + "\n|\n";

    private const string Table3Head =
        "三、收到和处理政府信息公开申请情况\n(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 |\n自然人 | 法人或其他组织 | 总计 |\n"
        + "商业 企业 | 科研 机构 | 社会公益组织 | 法律服务机构 | 其他 |\n"
        + "一、本年新收政府信息公开申请数量 | 20 | 3 | 0 | 0 | 1 | 0 | 24 |\n二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
        + "三、本年度办理结果 | (一)予以公开 | 15 | 2 | 0 | 0 | 1 | 0 | 18 |\n(二)部分公开(区分处理的,只计这一情形,不计其他情形) | 3 | 1 | 0 | 0 | 0 | 0 | 4 |\n";

    [Fact]
    public void Cell_per_line_blocks_with_bar_lines_read_like_a_table_and_a_unit_in_a_cell_decides_the_scale()
    {
        var report = ParseText("二、主动公开政府信息情况\n" + Table2 + Table3Head);

        Assert.Equal(4m, report.Metrics["proactive.normative_docs.issued"].Value);
        Assert.Equal(27m, report.Metrics["proactive.normative_docs.in_force"].Value);
        Assert.Equal(2031m, report.Metrics["proactive.licensing.decisions"].Value);
        Assert.Equal(160.5964m, report.Metrics["proactive.fees.amount_wan_yuan"].Value);
    }

    [Fact]
    public void Rows_with_bars_and_a_collapsed_merged_header_read_in_the_standard_columns()
    {
        var report = ParseText("二、主动公开政府信息情况\n" + Table2 + Table3Head);

        Assert.Equal(24m, report.Metrics["requests.new_received"].Value);
        Assert.Equal(3m, report.Metrics["requests.new_received:commercial"].Value);
        Assert.Equal(15m, report.Metrics["requests.granted:natural_person"].Value);
        Assert.Equal(4m, report.Metrics["requests.partially_granted"].Value);
        Assert.DoesNotContain(report.Problems, p => p.Code == ProblemCodes.FiguresConflict);
    }

    [Fact]
    public void A_page_cut_short_mid_row_keeps_every_complete_figure_and_names_the_incomplete_row()
    {
        var report = ParseText("二、主动公开政府信息情况\n" + Table2 + Table3Head + "(三)不予公开 | 1.属于国家秘密 | 0 | 0 |");

        Assert.Equal(18m, report.Metrics["requests.granted"].Value);
        Assert.False(report.Metrics.ContainsKey("requests.denied.state_secret"));
        Assert.False(report.Metrics.ContainsKey("requests.denied.state_secret:natural_person"));
        var problem = Assert.Single(report.Problems, p => p.Code == ProblemCodes.FiguresRowIncomplete);
        Assert.Equal("requests.denied.state_secret", problem.Key);
    }
}
