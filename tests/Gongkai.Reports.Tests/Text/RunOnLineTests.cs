using static Gongkai.Reports.Tests.Text.TextFixtures;

namespace Gongkai.Reports.Tests.Text;

/// <summary>A report on one line of text, and the header a text export writes above it.</summary>
public sealed class RunOnLineTests
{
    private static readonly string Filler = string.Concat(Enumerable.Repeat("本机关按照条例要求做好公开工作。", 12));

    [Fact]
    public void Headings_are_cut_out_of_a_long_line_but_a_numbered_table_row_is_not_one()
    {
        var report = ParseText(
            "一、总体情况" + Filler + "二、主动公开政府信息情况 无。三、收到和处理政府信息公开申请情况 四、结转下年度继续办理6100007 四、政府信息公开行政复议、行政诉讼情况 无。"
            + "五、存在的主要问题及改进情况……六、其他需要报告的事项 无。\n");

        Assert.Equal(["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"],
            report.Sections.Select(s => s.Heading).ToArray());
    }

    [Fact]
    public void A_short_line_is_left_whole()
    {
        var document = Document(System.Text.Encoding.UTF8.GetBytes("一、总体情况本年度无申请。二、主动公开政府信息情况无。\n"), "a.txt");

        Assert.Equal("一、总体情况本年度无申请。二、主动公开政府信息情况无。", document.Text);
    }

    [Fact]
    public void Three_export_fields_without_a_rule_are_a_header_and_two_are_not()
    {
        var three = ParseText("标题: 北山乡人民政府2020年政府信息公开工作年度报告\n发布时间: 2021-01-20\n栏目: 年度报告\n" + "一、总体情况\n2020年，本乡收到申请2件。\n");
        var two = ParseText("标题: 北山乡人民政府2020年政府信息公开工作年度报告\n栏目: 年度报告\n一、总体情况\n2020年，本乡收到申请2件。\n");

        Assert.Equal("北山乡人民政府2020年政府信息公开工作年度报告", three.Title);
        Assert.Equal(new DateOnly(2021, 1, 20), three.PublishedOn);
        Assert.DoesNotContain("栏目", three.Text, StringComparison.Ordinal);
        Assert.Contains("栏目", two.Text, StringComparison.Ordinal);
    }
}
