namespace Gongkai.Reports.Tests.Metrics;

public sealed class TextTableTests
{
    /// <summary>A text copy of a 2021 report (as PDF-to-text gives it): the tables are lines of space-separated figures.</summary>
    private static ReportDocument Build() => new DocumentBuilder { Year = 2021 }
        .Section("overview", "一、总体情况")
        .Line("2021年，本局认真落实政务公开各项要求。")
        .Section("requests", "三、收到和处理政府信息公开申请情况")
        .Line("自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计")
        .Line("一、本年新收政府信息公开申请数量 20 3 0 0 1 0 24")
        .Line("二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1")
        .Line("三、本年度办理结果")
        .Line("（一）予以公开 10 2 0 0 1 0 13")
        .Line("（二）部分公开（区分处理的，只计这一情形，不计其他情形） 2 0 0 0 0 0 2")
        .Line("（三）不予公开")
        .Line("1.属于国家秘密 0 0 0 0 0 0 0")
        .Line("4.保护第三方合法权益 1 0 0 0 0 0 1")
        .Line("（四）无法提供")
        .Line("1.本机关不掌握相关政府信息 5 1 0 0 0 0 6")
        .Line("（七）总计 18 3 0 0 1 0 22")
        .Line("四、结转下年度继续办理 3 0 0 0 0 0 3")
        .Section("review_litigation", "四、政府信息公开行政复议、行政诉讼情况")
        .Line("行政复议 行政诉讼")
        .Line("1 0 0 0 1 0 0 0 0 0 0 0 0 0 0")
        .Section("other", "六、其他需要报告的事项")
        .Line("联系电话：0755 12345678")
        .Build();

    [Fact]
    public void Reads_table3_and_table4_from_text_lines()
    {
        var result = MetricExtractor.Extract(Build());

        var m = result.Metrics;
        Assert.Equal(24m, m["requests.new_received"].Value);
        Assert.Equal(20m, m["requests.new_received:natural_person"].Value);
        Assert.Equal(1m, m["requests.carried_over"].Value);
        Assert.Equal(13m, m["requests.granted"].Value);
        Assert.Equal(2m, m["requests.partially_granted"].Value);
        Assert.Equal(1m, m["requests.denied.third_party_rights"].Value);
        Assert.Equal(6m, m["requests.unable.not_held"].Value);
        Assert.Equal(22m, m["requests.processed_total"].Value);
        Assert.Equal(3m, m["requests.carried_forward"].Value);
        Assert.Equal(1m, m["reconsideration.upheld"].Value);
        Assert.Equal(1m, m["reconsideration.total"].Value);
        Assert.Equal(0m, m["litigation.total"].Value);
        Assert.Equal("table", m["requests.granted"].Provenance.Kind);
        Assert.Equal("10", m["requests.granted:natural_person"].Provenance.Text);

        // 表二 is still missing; 表三 and 表四 were found in the text.
        var missing = Assert.Single(result.Problems, p => p.Code == ProblemCodes.TablesMissing);
        Assert.Contains("表二", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_the_statistics_table_of_a_pre2019_text_copy()
    {
        // 统计指标 | 单位 | 统计数 pasted as text: one figure per row, the unit between the indicator and the figure.
        var document = new DocumentBuilder { Year = 2016 }
            .Section("overview", "一、概述")
            .Line("2016年，本局政府信息公开工作平稳推进。")
            .Section("other", "六、说明与附表")
            .Line("政府信息公开情况统计表")
            .Line("统计指标 单位 统计数")
            .Line("一、主动公开情况")
            .Line("（一）主动公开政府信息数 条 860")
            .Line("其中：主动公开规范性文件数 条 7")
            .Line("三、依申请公开情况")
            .Line("（一）收到申请数 件 21")
            .Line("1.当面申请数 件 6")
            .Line("3.网络申请数 件 15")
            .Line("（三）申请答复数 件 21")
            .Line("2.同意公开答复数 件 17")
            .Line("4.不同意公开答复数 件 1")
            .Line("其中：涉及个人隐私 件 1")
            .Line("6.申请信息不存在数 件 3")
            .Line("四、行政复议数量 件 1")
            .Line("（一）维持具体行政行为数 件 1")
            .Line("七、依申请公开信息收取的费用 万元 0.02")
            .Build();

        var result = MetricExtractor.Extract(document);

        var expected = new Dictionary<string, decimal>
        {
            ["proactive.total_items"] = 860,
            ["proactive.normative_docs.published"] = 7,
            ["requests.new_received"] = 21,
            ["requests.by_channel.in_person"] = 6,
            ["requests.by_channel.online"] = 15,
            ["requests.processed_total"] = 21,
            ["requests.granted"] = 17,
            ["requests.denied_total"] = 1,
            ["requests.denied.personal_privacy"] = 1,
            ["requests.not_exist"] = 3,
            ["reconsideration.total"] = 1,
            ["reconsideration.upheld"] = 1,
            ["fees.amount_yuan"] = 200,
        };
        Assert.Equal(expected.OrderBy(p => p.Key), result.Metrics.ToDictionary(p => p.Key, p => p.Value.Value).OrderBy(p => p.Key));
        Assert.Equal("table", result.Metrics["requests.granted"].Provenance.Kind);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Reads_a_statistics_table_copied_one_cell_per_line_with_its_units_on_lines_of_their_own()
    {
        // Each cell of 统计指标 | 单位 | 统计数 on a line of its own: the unit line sits between the indicator and its
        // figure, and a row may also write its unit beside the figure or leave the unit out.
        var document = new DocumentBuilder { Year = 2015 }
            .Section("overview", "一、概述")
            .Line("2015年，本办依法做好政府信息公开工作。")
            .Section("other", "五、附表")
            .Line("政府信息公开情况统计表")
            .Line("统计指标")
            .Line("单位")
            .Line("统计数")
            .Line("一、主动公开情况")
            .Line("（一）主动公开政府信息数")
            .Line("条")
            .Line("1534")
            .Line("其中：主动公开规范性文件数")
            .Line("条")
            .Line("12")
            .Line("三、依申请公开情况")
            .Line("（一）收到申请数")
            .Line("件")
            .Line("48")
            .Line("1.当面申请数")
            .Line("件 9")
            .Line("2.网络申请数")
            .Line("39")
            .Line("（三）申请答复数")
            .Line("件")
            .Line("46")
            .Line("2.同意公开答复数")
            .Line("件")
            .Line("30")
            .Line("6.申请信息不存在数")
            .Line("件")
            .Line("4")
            .Line("七、依申请公开信息收取的费用")
            .Line("万元")
            .Line("0.03")
            .Build();

        var result = MetricExtractor.Extract(document);

        var expected = new Dictionary<string, decimal>
        {
            ["proactive.total_items"] = 1534,
            ["proactive.normative_docs.published"] = 12,
            ["requests.new_received"] = 48,
            ["requests.by_channel.in_person"] = 9,
            ["requests.by_channel.online"] = 39,
            ["requests.processed_total"] = 46,
            ["requests.granted"] = 30,
            ["requests.not_exist"] = 4,
            ["fees.amount_yuan"] = 300,
        };
        Assert.Equal(expected.OrderBy(p => p.Key), result.Metrics.ToDictionary(p => p.Key, p => p.Value.Value).OrderBy(p => p.Key));
        var total = result.Metrics["proactive.total_items"].Provenance;
        Assert.Equal("table", total.Kind);
        Assert.Equal("1534", total.Text);
        Assert.Equal("条", total.Unit);
        Assert.Equal("万元", result.Metrics["fees.amount_yuan"].Provenance.Unit);
    }

    [Fact]
    public void A_unit_line_between_a_label_and_its_cells_does_not_shift_the_cells()
    {
        // A 2021 表二 copied one cell per line, with a stray unit line under 行政事业性收费 and under 规章.
        var document = new DocumentBuilder { Year = 2021 }
            .Section("overview", "一、总体情况")
            .Line("2021年，本局认真落实政务公开各项要求。")
            .Section("proactive", "二、主动公开政府信息情况")
            .Line("第二十条第（一）项")
            .Line("信息内容")
            .Line("本年制发件数")
            .Line("本年废止件数")
            .Line("现行有效件数")
            .Line("规章")
            .Line("件")
            .Line("1")
            .Line("0")
            .Line("6")
            .Line("行政规范性文件")
            .Line("4")
            .Line("2")
            .Line("31")
            .Build();

        var m = MetricExtractor.Extract(document).Metrics;

        Assert.Equal(1m, m["proactive.rules.issued"].Value);
        Assert.Equal(0m, m["proactive.rules.repealed"].Value);
        Assert.Equal(6m, m["proactive.rules.in_force"].Value);
        Assert.Equal(4m, m["proactive.normative_docs.issued"].Value);
        Assert.Equal(31m, m["proactive.normative_docs.in_force"].Value);
    }
}
