namespace Gongkai.Reports.Tests.Html;

using static Gongkai.Reports.Tests.Text.TextFixtures;

public sealed class ChromeRemovalTests
{
    private const string Body = "一、总体情况\n2019年，我区认真贯彻落实政府信息公开条例，不断拓展信息公开领域和渠道，健全政府信息全链条管理，提升信息公开平台建设，加大监督保障力度，积极打造阳光政府。\n二、主动公开政府信息情况\n全年主动公开政府信息1208条。";

    [Theory]
    [InlineData("您现在的位置：首页 > 政务公开 > 政府信息公开年报")]
    [InlineData("当前位置：首页 » 信息公开")]
    [InlineData("【字号：大 中 小】")]
    [InlineData("【浏览字号 :大 中 小】")]
    [InlineData("【打印】【关闭】")]
    [InlineData("掃碼進入")]
    [InlineData("分享到：微信 微博")]
    [InlineData("版权所有：广州市南沙区人民政府")]
    [InlineData("ICP备案号：粤ICP备19092744号-3")]
    [InlineData("生活百科 2023-01-26 10:45生活百科www.example.cn")]
    [InlineData("相關詞條")]
    [InlineData("熱門詞條")]
    [InlineData("上一篇：关于2018年政府信息公开工作年度报告")]
    public void Chrome_lines_around_a_report_are_removed(string chrome)
    {
        var report = ParseText(chrome + "\n" + Body + "\n" + chrome);
        Assert.Equal(Body, report.Text);
    }

    [Fact]
    public void Aggregator_infobox_is_removed()
    {
        var report = ParseText("基本介绍\n• 中文名某某报告\n• 分类档案\n" + Body);
        Assert.Equal(Body, report.Text);
    }

    [Fact]
    public void A_paragraph_mentioning_visits_is_not_chrome()
    {
        const string Paragraph = "本区政府信息公开专栏访问量为681248人次，其中按点击率排序的政府信息公开栏目依次是机构职能、政策法规，网上点击率逐步提高。";
        var report = ParseText(Body + "\n" + Paragraph);
        Assert.EndsWith(Paragraph, report.Text, StringComparison.Ordinal);
    }
}
