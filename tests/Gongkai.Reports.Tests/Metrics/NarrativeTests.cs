namespace Gongkai.Reports.Tests.Metrics;

public sealed class NarrativeTests
{
    private static ReportDocument Narrative2012() => new DocumentBuilder { Year = 2012 }
        .Line("某县人民政府2012年政府信息公开工作年度报告")
        .Section("overview", "一、概述")
        .Line("2012年，县政府建立了“一条龙”服务机制，落实年度专项经费12万元，开展培训3次。")
        .Section("proactive", "二、主动公开政府信息情况")
        .Line("全年主动公开政府信息3,120条，其中规范性文件46件。本年度新增的主动公开信息980条。")
        .Section("requests", "三、依申请公开政府信息情况")
        .Line("全年共受理政府信息公开申请 42 件，其中，通过网上受理申请的有30件，信函申请的12件。")
        .Line("在42件申请中，已经答复的40件，占总数的95.2%，其中：“同意公开”31件，占总数的77.5%；“同意部分公开”的两件；“不予公开”的一件；“信息不存在”的4件；“非本机关政府信息”的2件。")
        .Section("consultations", "四、咨询情况")
        .Line("全年共接受公众咨询1.2万人次，其中电话咨询8000人次。")
        .Section("fees", "五、政府信息公开的收费及减免情况")
        .Line("本年度依申请提供政府信息，共收取检索费、复制费等费用合计350元。")
        .Section("review_litigation", "六、因政府信息公开申请行政复议、提起行政诉讼的情况")
        .Line("全年没有发生针对本机关政府信息公开事务的行政复议案件。发生行政诉讼两起，其中维持具体行政行为一件。")
        .Section("problems", "七、存在的主要问题和改进措施")
        .Line("2013年将受理申请100件以上的单位纳入考核。")
        .Build();

    [Fact]
    public void Reads_the_figures_a_narrative_report_states()
    {
        var result = MetricExtractor.Extract(Narrative2012());

        Assert.Equal("pre2019", result.Format);
        var expected = new Dictionary<string, decimal>
        {
            ["proactive.total_items"] = 3120,
            ["requests.new_received"] = 42,
            ["requests.by_channel.online"] = 30,
            ["requests.by_channel.mail"] = 12,
            ["requests.processed_total"] = 40,
            ["requests.granted"] = 31,
            ["requests.partially_granted"] = 2,
            ["requests.denied_total"] = 1,
            ["requests.not_exist"] = 4,
            ["requests.not_this_agency"] = 2,
            ["consultations.total"] = 12000,
            ["fees.amount_yuan"] = 350,
            ["reconsideration.total"] = 0,
            ["litigation.total"] = 2,
            ["litigation.upheld"] = 1,
        };
        Assert.Equal(expected.OrderBy(p => p.Key), result.Metrics.ToDictionary(p => p.Key, p => p.Value.Value).OrderBy(p => p.Key));
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Sentence_provenance_points_at_the_phrase()
    {
        var doc = Narrative2012();
        var metric = MetricExtractor.Extract(doc).Metrics["requests.new_received"];

        Assert.Equal("sentence", metric.Provenance.Kind);
        Assert.Equal("requests", metric.Provenance.Section);
        Assert.Equal("全年共受理政府信息公开申请 42 件", metric.Provenance.Text);
        Assert.Equal(metric.Provenance.Text, doc.Text[metric.Provenance.Start!.Value..metric.Provenance.End!.Value]);

        var consultations = MetricExtractor.Extract(doc).Metrics["consultations.total"].Provenance;
        Assert.Equal(10000m, consultations.Multiplier);
        Assert.Equal("万人次", consultations.Unit);
    }

    [Fact]
    public void A_zero_stated_for_reconsideration_is_not_a_zero_for_litigation()
    {
        var doc = new DocumentBuilder { Year = 2014 }
            .Section("review_litigation", "五、行政复议和行政诉讼情况")
            .Line("2014年没有发生针对本单位政府信息公开事务的行政复议。")
            .Build();

        var metrics = MetricExtractor.Extract(doc).Metrics;

        Assert.Equal(0m, metrics["reconsideration.total"].Value);
        Assert.False(metrics.ContainsKey("litigation.total"));
        Assert.Equal("stated as none (没有/未…)", metrics["reconsideration.total"].Provenance.Note);
    }

    [Fact]
    public void Reads_traditional_script_through_the_match_text()
    {
        const string line = "本區2011年以來共受理政府信息公開申請7743件，「同意公開」7673件。行政複議案0件、行政訴訟案0件。";
        const string simplified = "本区2011年以来共受理政府信息公开申请7743件,「同意公开」7673件。行政复议案0件、行政诉讼案0件。";
        var doc = new DocumentBuilder { Year = 2011 }.Line(line, simplified).Build();

        var metrics = MetricExtractor.Extract(doc).Metrics;

        Assert.Equal(7743m, metrics["requests.new_received"].Value);
        Assert.Equal("本區2011年以來共受理政府信息公開申請7743件", metrics["requests.new_received"].Provenance.Text);
        Assert.Equal(7673m, metrics["requests.granted"].Value);
        Assert.Equal(0m, metrics["reconsideration.total"].Value);
        Assert.Equal(0m, metrics["litigation.total"].Value);
    }

    [Fact]
    public void Conflicting_statements_keep_the_first_and_say_which()
    {
        var doc = new DocumentBuilder { Year = 2015 }
            .Section("requests", "三、依申请公开情况")
            .Line("全年共收到政府信息公开申请25件。")
            .Line("截至年底，本机关共受理政府信息公开申请27件。")
            .Build();

        var result = MetricExtractor.Extract(doc);

        Assert.Equal(25m, result.Metrics["requests.new_received"].Value);
        var conflict = Assert.Single(result.Problems);
        Assert.Equal(ProblemCodes.FiguresConflict, conflict.Code);
        Assert.Equal("requests.new_received", conflict.Key);
        Assert.Contains("25", conflict.Message, StringComparison.Ordinal);
        Assert.Contains("27", conflict.Message, StringComparison.Ordinal);
        Assert.Contains("kept 25", conflict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Checks_outcomes_and_percentages_against_the_counts()
    {
        var doc = new DocumentBuilder { Year = 2016 }
            .Section("requests", "三、依申请公开政府信息情况")
            .Line("全年共受理政府信息公开申请20件。其中“同意公开”的18件，占总数的60%；“不予公开”的5件。")
            .Build();

        var codes = MetricExtractor.Extract(doc).Problems.Select(p => p.Code).ToList();

        Assert.Contains(ProblemCodes.OutcomesExceedReceived, codes);
        Assert.Contains(ProblemCodes.PercentageMismatch, codes);
    }

    [Fact]
    public void Flags_a_figure_said_to_be_about_another_year()
    {
        var doc = new DocumentBuilder { Year = 2018 }
            .Section("review_litigation", "五、行政复议和行政诉讼情况")
            .Line("本单位2017年度发生针对本单位政府信息公开事务的行政复议案9宗，其中维持具体行政行为9宗。")
            .Build();

        var result = MetricExtractor.Extract(doc);

        Assert.Equal(9m, result.Metrics["reconsideration.total"].Value);
        Assert.Equal(9m, result.Metrics["reconsideration.upheld"].Value);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(ProblemCodes.FiguresYearMismatch, problem.Code);
        Assert.Equal("reconsideration.total", problem.Key);
    }

    [Fact]
    public void A_2019_copy_that_lost_its_tables_reports_them_missing_not_zero()
    {
        var doc = new DocumentBuilder { Year = 2019 }
            .Section("overview", "一、总体情况")
            .Line("2019年，我区共受理信息公开申请964件，主要以公民申请为主，共878件，占91.1%；法人申请共66件；其他组织申请共20件。")
            .Section("proactive", "二、主动公开政府信息情况")
            .Section("requests", "三、收到和处理政府信息公开申请情况")
            .Section("review_litigation", "四、政府信息公开行政复议、行政诉讼情况")
            .Section("problems", "五、存在的主要问题及改进情况")
            .Section("other", "六、其他需要报告的事项")
            .Build();

        var result = MetricExtractor.Extract(doc);

        Assert.Equal("2019", result.Format);
        Assert.Equal(3, result.Problems.Count(p => p.Code == ProblemCodes.TablesMissing));
        Assert.Contains(result.Problems, p => p.Message.Contains("表三", StringComparison.Ordinal));
        Assert.Equal(964m, result.Metrics["requests.new_received"].Value);
        Assert.Equal(878m, result.Metrics["requests.by_applicant.natural_person"].Value);
        Assert.Equal(86m, result.Metrics["requests.by_applicant.legal_total"].Value);
        Assert.False(result.Metrics.ContainsKey("requests.granted"));
        Assert.False(result.Metrics.ContainsKey("reconsideration.total"));
    }

    [Theory]
    [InlineData(2022, "2021")]
    [InlineData(2020, "2019")]
    public void The_year_decides_between_2019_and_2021_when_only_headings_remain(int year, string format)
    {
        var doc = new DocumentBuilder { Year = year }
            .Section("overview", "一、总体情况")
            .Section("requests", "三、收到和处理政府信息公开申请情况")
            .Section("review_litigation", "四、政府信息公开行政复议、行政诉讼情况")
            .Build();

        Assert.Equal(format, MetricExtractor.Extract(doc).Format);
    }

    [Fact]
    public void A_page_that_is_no_report_has_an_unknown_format_and_no_figures()
    {
        var doc = new DocumentBuilder().Line("关于做好2014年政务公开工作的通知").Line("各单位：请于3月1日前报送材料2份。").Build();

        var result = MetricExtractor.Extract(doc);

        Assert.Equal("unknown", result.Format);
        Assert.Empty(result.Metrics);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void A_count_written_with_a_space_between_its_thousands_is_read_whole()
    {
        var document = new DocumentBuilder { Year = 2011 }
            .Section("proactive", "一、主动公开政府信息情况")
            .Line("全年主动公开政府信息12 408条。")
            .Section("requests", "二、依申请公开政府信息情况")
            .Line("全年共受理政府信息公开申请3 517件，已全部答复。")
            .Line("其中当面申请2 9件，网上申请3 488 件。")
            .Build();

        var m = MetricExtractor.Extract(document).Metrics;

        Assert.Equal(12408m, m["proactive.total_items"].Value);
        Assert.Equal("全年主动公开政府信息12 408条", m["proactive.total_items"].Provenance.Text);
        Assert.Equal(3517m, m["requests.new_received"].Value);

        // Not a thousands separator: “2 9件” and “3 488 件” are left as written, so no figure is made of them whole.
        Assert.NotEqual(29m, m.GetValueOrDefault("requests.by_channel.in_person")?.Value);
        Assert.NotEqual(3488m, m.GetValueOrDefault("requests.by_channel.online")?.Value);
    }
}
