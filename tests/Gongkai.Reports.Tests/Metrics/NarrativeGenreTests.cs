using static Gongkai.Reports.Tests.Text.TextFixtures;

namespace Gongkai.Reports.Tests.Metrics;

/// <summary>
/// The ways narrative reports (2008–2018, and the prose of later ones) write their figures: Chinese numerals,
/// 其中制发规范性文件, statements of none for one outcome, approximate 万余/约 figures, percentages beside counts,
/// and text copies wrapped mid-word.
/// </summary>
public sealed class NarrativeGenreTests
{
    private static ReportDocument County2016() => new DocumentBuilder { Year = 2016 }
        .Line("某某县住房和城乡建设局2016年政府信息公开工作年度报告")
        .Section("overview", "一、概述")
        .Line("2016年，我局完成办公楼无障碍改造，政府信息公开工作机构健全。")
        .Section("proactive", "二、主动公开政府信息情况")
        .Line("全年主动公开政府信息2.6万余条，其中制发规范性文件十二件。")
        .Section("requests", "三、依申请公开政府信息情况")
        .Line("全年共受理政府信息公开申请一百零五件。")
        .Line("已答复一百零五件，其中“同意公开”九十八件，占总数的93.3%，“同意部分公开”两件，“信息不存在”的五件，没有不同意公开的申请。")
        .Section("consultations", "四、咨询情况")
        .Line("全年接受各类咨询1.3万余人次。")
        .Section("fees", "五、政府信息公开的收费及减免情况")
        .Line("本年度未收取任何费用。")
        .Section("review_litigation", "六、因政府信息公开申请行政复议、提起行政诉讼的情况")
        .Line("全年无行政复议和行政诉讼情况。")
        .Section("problems", "七、存在的主要问题和改进措施")
        .Line("个别股室公开意识不强，没有及时报送信息的情况仍有发生。")
        .Build();

    [Fact]
    public void Reads_chinese_numerals_normative_documents_and_zero_statements()
    {
        var result = MetricExtractor.Extract(County2016());

        var expected = new Dictionary<string, decimal>
        {
            ["proactive.total_items"] = 26000,
            ["proactive.normative_docs.issued"] = 12,
            ["requests.new_received"] = 105,
            ["requests.processed_total"] = 105,
            ["requests.granted"] = 98,
            ["requests.partially_granted"] = 2,
            ["requests.not_exist"] = 5,
            ["requests.denied_total"] = 0,
            ["consultations.total"] = 13000,
            ["fees.amount_yuan"] = 0,
            ["reconsideration.total"] = 0,
            ["litigation.total"] = 0,
        };
        Assert.Equal(expected.OrderBy(p => p.Key), result.Metrics.ToDictionary(p => p.Key, p => p.Value.Value).OrderBy(p => p.Key));
        Assert.Empty(result.Problems); // 93.3% is 98 of 105, not a share of the 105 answered

        var denied = result.Metrics["requests.denied_total"].Provenance;
        Assert.Equal("没有不同意公开的申请", denied.Text);
        Assert.StartsWith("stated as none", denied.Note, StringComparison.Ordinal);
        var items = result.Metrics["proactive.total_items"].Provenance;
        Assert.Equal("万余条", items.Unit);
        Assert.Equal(10000m, items.Multiplier);
        Assert.StartsWith("approximate", items.Note, StringComparison.Ordinal);
        Assert.EndsWith("十二件", result.Metrics["proactive.normative_docs.issued"].Provenance.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_how_the_requests_were_made()
    {
        var document = new DocumentBuilder { Year = 2014 }
            .Section("requests", "三、依申请公开政府信息情况")
            .Line("全年共受理政府信息公开申请36件，其中当面申请20件，网上申请11件，以信函方式提交申请的4件，传真申请1件。")
            .Line("此外，通过网上咨询平台答复群众咨询210人次。")
            .Build();

        var metrics = MetricExtractor.Extract(document).Metrics;

        Assert.Equal(36m, metrics["requests.new_received"].Value);
        Assert.Equal(20m, metrics["requests.by_channel.in_person"].Value);
        Assert.Equal(11m, metrics["requests.by_channel.online"].Value);
        Assert.Equal(4m, metrics["requests.by_channel.mail"].Value);
        Assert.Equal(1m, metrics["requests.by_channel.fax"].Value);
        Assert.Equal(210m, metrics["consultations.total"].Value);
        Assert.Equal(6, metrics.Count);
    }

    [Fact]
    public void A_none_about_corrected_cases_is_no_zero_for_all_cases()
    {
        var document = new DocumentBuilder { Year = 2019 }
            .Section("overview", "一、总体情况")
            .Line("全年统一使用规范的答复文书，未发生因答复不规范引起的行政复议纠错。")
            .Section("review_litigation", "四、政府信息公开行政复议、行政诉讼情况")
            .Line("全年被申请行政复议2件，均维持原答复。")
            .Build();

        var result = MetricExtractor.Extract(document);

        Assert.Equal(2m, result.Metrics["reconsideration.total"].Value);
        Assert.False(result.Metrics.ContainsKey("reconsideration.corrected"));
        Assert.DoesNotContain(result.Problems, p => p.Code == ProblemCodes.FiguresConflict);
    }

    [Fact]
    public void A_none_for_one_outcome_leaves_the_others_unstated()
    {
        var document = new DocumentBuilder { Year = 2015 }
            .Section("requests", "三、依申请公开政府信息情况")
            .Line("全年收到政府信息公开申请4件，“同意公开”4件；无不予公开情况。")
            .Line("全年没有因信息不存在的答复引发的行政诉讼。")
            .Section("review_litigation", "五、行政复议和行政诉讼情况")
            .Line("本年度未发生行政诉讼。没有申请人就政府信息公开事项提起行政复议。")
            .Build();

        var result = MetricExtractor.Extract(document);

        Assert.Equal(0m, result.Metrics["requests.denied_total"].Value);
        Assert.Equal(4m, result.Metrics["requests.granted"].Value);
        Assert.Equal(0m, result.Metrics["litigation.total"].Value);
        Assert.False(result.Metrics.ContainsKey("requests.partially_granted"));
        Assert.Equal("未发生行政诉讼", result.Metrics["litigation.total"].Provenance.Text);
        Assert.False(result.Metrics.ContainsKey("requests.not_exist"));
        Assert.Equal(0m, result.Metrics["reconsideration.total"].Value);
    }

    [Fact]
    public void A_text_copy_wrapped_mid_word_and_mid_number_is_read_whole()
    {
        var report = ParseText(
            "某某县水利局2017年政府信息公开工作年度报告\n" +
            "一、概述\n" +
            "2017年，我局认真贯彻落实《条例》，扎实推进政府信息公开工作。\n" +
            "二、主动公开政府信息情况\n" +
            "2017年，我局通过门户网站和政务微信等渠道主动公开政府信息共计1\n" +
            "630条，其中制发规范性文件3件。\n" +
            "三、依申请公开政府信息情况\n" +
            "2017年，我局按照规定的程序和时限办理申请，全年共受理政府信息公开申\n" +
            "请27件，已全部按时答复。\n");

        Assert.Equal(1630m, report.Metrics["proactive.total_items"].Value);
        Assert.Equal(3m, report.Metrics["proactive.normative_docs.issued"].Value);
        Assert.Equal(27m, report.Metrics["requests.new_received"].Value);
        Assert.Equal(3, report.Metrics.Count);
    }
}
