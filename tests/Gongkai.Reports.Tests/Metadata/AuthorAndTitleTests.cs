using static Gongkai.Reports.Tests.Text.TextFixtures;

namespace Gongkai.Reports.Tests.Metadata;

/// <summary>
/// Title and author of report pages as page-to-text tools, mirrors and aggregators hand them over: metadata blocks,
/// lines that are never titles, split titles, and the author read from the body in its order of trust.
/// </summary>
public sealed class AuthorAndTitleTests
{
    private const string Body = "一、总体情况\n本年度各项公开工作有序推进，制度不断完善。\n二、主动公开政府信息情况\n全年主动公开政府信息86条。\n";

    [Fact]
    public void A_metadata_block_gives_title_and_date_and_its_publisher_is_not_the_author()
    {
        var report = ParseText(
            "索 引 号 | 00781-2020-0042 | 分 类 | 年度报告 |\n发布机构 | 市政府办 | 发文日期 | 2020-01-21 |\n名  称 白鹭镇2019年政府信息公开工作年度报告\n"
            + "信息来源:白鹭镇党政办公室\n发表日期:2020-01-21 发布机构:政务服务管理局\n" + Body);

        Assert.Equal("白鹭镇2019年政府信息公开工作年度报告", report.Title);
        Assert.Equal("白鹭镇", report.Agency);
        Assert.Equal(new DateOnly(2020, 1, 21), report.PublishedOn);
        Assert.DoesNotContain("索 引 号", report.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("您现在所在的位置：首页 > 信息公开 > 政府信息公开年报")]
    [InlineData("金沙娱乐城 > 信息公开 > 年度报告")]
    [InlineData("【字号：大 中 小】")]
    [InlineData("扫一扫在手机打开当前页")]
    public void Chrome_and_spam_lines_are_never_the_title(string line)
    {
        var report = ParseText(line + "\n|||||||||||||||\n2020年政府信息公开工作年度报告\n" + Body);

        Assert.Equal("2020年政府信息公开工作年度报告", report.Title);
        Assert.Null(report.Agency);
        Assert.Contains(report.Problems, p => p.Code == ProblemCodes.AgencyMissing);
    }

    [Fact]
    public void A_title_split_over_two_lines_is_joined()
    {
        var report = ParseText("松涛县人民政府2016年\n政府信息公开工作年度报告\n" + Body);

        Assert.Equal("松涛县人民政府2016年政府信息公开工作年度报告", report.Title);
        Assert.Equal("松涛县人民政府", report.Agency);
        Assert.Equal(2016, report.ReportYear);
    }

    [Theory]
    [InlineData("根据《条例》规定，现公布枫林街道办事处2017年政府信息公开工作年度报告。", "枫林街道办事处")]
    [InlineData("根据工作要求，编制《青州市人民政府参事室2023年度政府信息公开工作年度报告》。", "青州市人民政府参事室")]
    [InlineData("为保障公众知情权，特向社会公布2020年云湖新区管委会政府信息公开工作年度报告。", "云湖新区管委会")]
    [InlineData("本报告由白水市林业局办公室编制。", "白水市林业局办公室")]
    [InlineData("白水市林业局（以下简称“我局”）认真落实条例要求。", "白水市林业局")]
    [InlineData("肃南裕固族自治县2018年政府信息公开工作年度报告", "肃南裕固族自治县")]
    public void The_author_is_read_from_the_body_as_written(string line, string author)
    {
        var report = ParseText(line + "\n" + Body);

        Assert.Equal(author, report.Agency);
    }

    [Fact]
    public void The_title_comes_before_a_sentence_and_a_sentence_before_a_contact_line()
    {
        var report = ParseText("2021年政府信息公开工作年度报告\n现发布《清河区2021年政府信息公开工作年度报告》。如有疑问，请与清河区财政局联系。\n" + Body);

        Assert.Equal("清河区", report.Agency);
    }

    [Theory]
    [InlineData("2021年，我区扎实推进政务公开。如对本报告有任何疑问，请与清河区人民政府办公室联系。", "清河区人民政府")]
    [InlineData("2021年，我局扎实推进政务公开。如对本报告有任何疑问，请与清河区交通运输局办公室联系。", "清河区交通运输局")]
    [InlineData("2021年，本办扎实推进政务公开。如对本报告有任何疑问，请与清河区人民政府办公室联系。", "清河区人民政府办公室")]
    public void A_contact_line_names_the_author_and_its_office_speaks_for_the_parent_only_when_the_report_does(string line, string author)
    {
        var report = ParseText("2021年政府信息公开工作年度报告\n" + line + "\n" + Body);

        Assert.Equal(author, report.Agency);
    }

    [Fact]
    public void A_website_owner_alone_is_not_the_author()
    {
        var report = ParseText("2021年政府信息公开工作年度报告\n本报告电子版可在清河区人民政府门户网站下载。\n" + Body);

        Assert.Null(report.Agency);
        Assert.Contains(report.Problems, p => p.Code == ProblemCodes.AgencyMissing);
    }

    [Fact]
    public void Pinyin_readings_are_dropped_before_the_title_and_author_are_read()
    {
        var report = ParseText("2015年東江市財政局政府信息公開工作年度報(bào)告\n一、概述\n根據(jù)條例，本局認真做好公開工作。\n二、主動公開政府信息情況\n全年主動公開政府信息40條。\n");

        Assert.Equal("2015年東江市財政局政府信息公開工作年度報告", report.Title);
        Assert.Equal("东江市财政局", report.Agency);
    }
}
