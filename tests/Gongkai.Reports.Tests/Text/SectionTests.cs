using Gongkai.Reports.Sections;

namespace Gongkai.Reports.Tests.Text;

public sealed class SectionTests
{
    [Theory]
    [InlineData("概述", "overview")]
    [InlineData("总体情况", "overview")]
    [InlineData("主动公开政府信息情况", "proactive")]
    [InlineData("依申请公开政府信息情况", "requests")]
    [InlineData("收到和处理政府信息公开申请情况", "requests")]
    [InlineData("依申请公开政府信息及咨询受理情况", "requests")]
    [InlineData("咨询情况", "consultations")]
    [InlineData("政府信息公开的收费及减免情况", "fees")]
    [InlineData("因政府信息公开申请行政复议、提起行政诉讼的情况", "review_litigation")]
    [InlineData("政府信息公开行政复议、行政诉讼情况", "review_litigation")]
    [InlineData("存在的主要问题及改进情况", "problems")]
    [InlineData("其他需要报告的事项", "other")]
    [InlineData("说明与附表", "other")]
    public void Headings_map_to_kinds(string heading, string kind) => Assert.Equal(kind, SectionKinds.Of(heading));

    [Fact]
    public void Only_headings_continuing_the_numbering_count()
    {
        const string Text = "一、概述\n一是加强领导。\n二、主动公开政府信息情况\n全年公开120条。\n四、不是下一个\n三、依申请公开政府信息情况\n一、主动公开情况";
        var sections = SectionFinder.Find(Text, Text, []);
        Assert.Equal(["一、概述", "二、主动公开政府信息情况", "三、依申请公开政府信息情况"], sections.Select(s => s.Heading).ToArray());
        Assert.Equal(Text.Length, sections[^1].End);
        Assert.Equal(Text.IndexOf("二、", StringComparison.Ordinal) - 1, sections[0].End);
    }

    [Fact]
    public void Second_level_headings_are_used_when_there_is_no_first_level()
    {
        const string Text = "（一）主动公开情况\n全年公开120条。\n（二）依申请公开情况\n受理5件。";
        var match = ChineseScript.ToMatchText(Text);
        var sections = SectionFinder.Find(Text, match, []);
        Assert.Equal(["proactive", "requests"], sections.Select(s => s.Kind).ToArray());
    }

    [Theory]
    [InlineData("一", 1)]
    [InlineData("十", 10)]
    [InlineData("十二", 12)]
    [InlineData("二十一", 21)]
    [InlineData("甲", 0)]
    public void Chinese_numbers(string numeral, int value) => Assert.Equal(value, SectionFinder.ChineseNumber(numeral));

    [Fact]
    public void Rows_of_a_flattened_table_do_not_take_the_next_heading_number()
    {
        const string Text = "一、总体情况\n全年工作有序推进。\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 12\n三、本年度办理结果\n四、结转下年度继续办理 1\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n无。";
        var sections = SectionFinder.Find(Text, Text, []);
        Assert.Equal(["overview", "proactive", "requests", "review_litigation", "problems"], sections.Select(s => s.Kind).ToArray());
        Assert.Equal(Text.IndexOf("四、政府", StringComparison.Ordinal), sections[2].End + 1);
    }

    [Theory]
    [InlineData("总体", "overview")]
    [InlineData("基本", "overview")]
    [InlineData("主动", "proactive")]
    [InlineData("主动公开政府信", "proactive")]
    [InlineData("收到和", "requests")]
    [InlineData("依申请公开政", "requests")]
    [InlineData("政府信息公开的收", "fees")]
    [InlineData("政府信息公开行政", "review_litigation")]
    [InlineData("因政府信息公开申请行政", "review_litigation")]
    [InlineData("存在的主要", "problems")]
    [InlineData("存在的", "problems")]
    public void Headings_cut_short_are_classed_by_the_words_that_survive(string heading, string kind) => Assert.Equal(kind, SectionKinds.Of(heading));

    [Theory]
    [InlineData("政府信息公开")] // the start of the fees heading and of the review heading alike
    [InlineData("政府")]
    [InlineData("总")] // one character says nothing
    [InlineData("总体要求")] // words of their own, not a heading cut short
    [InlineData("主要做法")]
    [InlineData("加强组织领导")]
    [InlineData("其他需要")]
    public void Ambiguous_or_unrelated_short_headings_stay_other(string heading) => Assert.Equal("other", SectionKinds.Of(heading));

    [Fact]
    public void Headings_with_odd_spacing_or_cut_short_are_found_with_their_kind()
    {
        const string Text = "一、总\u3000体\n本年度各项工作平稳推进。\n二、主\u00A0动\u00A0公\u00A0开\n本年度公开信息300条。\n三、收到和处理政府信息公开申请 情况\n本年度收到申请6件。\n四、政府信息公开行政\u2002复议、行政诉讼情况\n无。\n五、存在的主要\n人员力量不足。";
        var sections = SectionFinder.Find(Text, ChineseScript.ToMatchText(Text), []);
        Assert.Equal(["overview", "proactive", "requests", "review_litigation", "problems"], sections.Select(s => s.Kind).ToArray());
    }

    [Fact]
    public void A_2020_copy_whose_headings_have_stray_spaces_keeps_its_kinds_and_format()
    {
        const string Text = "某镇人民政府2020年政府信息公开工作年度报告\n一、总体情况\n2020年，本镇持续推进政务公开。\n二、主动公开政府信息情况\n"
            + "三、收到和处理政府信息公开申请 情况\n四、政府信息公开行政 复议、行政诉讼情况\n五、存在的主要问题及\u3000改进情况\n人员少，更新慢。";

        var report = TextFixtures.ParseText(Text);

        Assert.Equal(["overview", "proactive", "requests", "review_litigation", "problems"], report.Sections.Select(s => s.Kind).ToArray());
        Assert.Equal("2019", report.Format);
        Assert.Equal(3, report.Problems.Count(p => p.Code == "tables.missing"));
    }
}
