using static Gongkai.Reports.Tests.Metrics.ReportFixtures;

namespace Gongkai.Reports.Tests.Metrics;

public sealed class Table2019Tests
{
    /// <summary>
    /// A 2019-layout page: 表二 with 上一年项目数量 / 本年增/减; 表三 with its header alone in one &lt;table&gt;, the body in
    /// the next with one label column fewer and a 小计 column; （六）其他处理 a single row; 表四 without group headers.
    /// </summary>
    private static ReportDocument Build()
    {
        var b = new DocumentBuilder { Year = 2019 };
        b.Section("overview", "一、总体情况");
        b.Section("proactive", "二、主动公开政府信息情况");
        b.Table(
            ["第二十条第（一）项|c4"],
            ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
            ["规章", "1", "1", "12"],
            ["规范性文件", "14", "14", "203"],
            ["第二十条第（五）项|c4"],
            ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
            ["行政许可", "57", "-3", "1，024"],
            ["其他对外管理服务事项", "12", "0", "88"],
            ["第二十条第（八）项|c4"],
            ["信息内容", "上一年项目数量", "本年增/减|c2"],
            ["行政事业性收费", "4", "—|c2"],
            ["第二十条第（九）项|c4"],
            ["信息内容", "采购项目数量", "采购总金额|c2"],
            ["政府集中采购", "9", "312.5|c2"]);
        b.Section("requests", "三、收到和处理政府信息公开申请情况");
        b.Table(
            ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）|r3c3", "申请人情况|c8"],
            ["自然人|r2", "法人或其他组织|c6", "总计|r2"],
            ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "小计"]);
        string[] WithSubtotal(int[] v) => [.. v.Select(x => x.ToString(System.Globalization.CultureInfo.InvariantCulture)), v.Skip(1).Sum().ToString(System.Globalization.CultureInfo.InvariantCulture), v.Sum().ToString(System.Globalization.CultureInfo.InvariantCulture)];
        var rows = new List<string[]>
        {
            Row(["一、本年新收政府信息公开申请数量|c2"], WithSubtotal(NewReceived(false))),
            Row(["二、上年结转政府信息公开申请数量|c2"], WithSubtotal(CarriedOver)),
            Row(["三、本年度办理结果|r20", "（一）予以公开"], WithSubtotal(Granted)),
            Row(["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"], WithSubtotal(Partial)),
        };
        for (var i = 0; i < 8; i++)
        {
            rows.Add(Row([(i == 0 ? "（三）不予公开 " : "") + DeniedLabels[i]], WithSubtotal(Denied[i])));
        }

        for (var i = 0; i < 3; i++)
        {
            rows.Add(Row([(i == 0 ? "（四）无法提供 " : "") + UnableLabels[i]], WithSubtotal(Unable[i])));
        }

        for (var i = 0; i < 5; i++)
        {
            rows.Add(Row([(i == 0 ? "（五）不予处理 " : "") + NotProcessedLabels[i]], WithSubtotal(NotProcessed[i])));
        }

        rows.Add(Row(["（六）其他处理"], WithSubtotal(Other2019)));
        rows.Add(Row(["（七）合计"], WithSubtotal(Processed(false))));
        rows.Add(Row(["四、结转下年度继续办理|c2"], WithSubtotal(CarriedForward)));
        b.Table([.. rows]);
        b.Section("review_litigation", "四、政府信息公开行政复议、行政诉讼情况");
        b.Table(["0", "0", "0", "0", "0", "1", "0", "0", "0", "1", "0", "0", "0", "0", "0"]);
        b.Section("problems", "五、存在的主要问题及改进情况");
        b.Section("other", "六、其他需要报告的事项");
        b.Line("无。");
        return b.Build();
    }

    [Fact]
    public void Recognises_the_2019_format_from_table2_vocabulary()
    {
        var result = MetricExtractor.Extract(Build());

        Assert.Equal("2019", result.Format);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Reads_the_2019_table2_columns()
    {
        var m = MetricExtractor.Extract(Build()).Metrics;

        Assert.Equal(1m, m["proactive.rules.issued"].Value);
        Assert.Equal(1m, m["proactive.rules.published"].Value);
        Assert.Equal(12m, m["proactive.rules.in_force"].Value);
        Assert.Equal(203m, m["proactive.normative_docs.in_force"].Value);
        Assert.Equal(57m, m["proactive.licensing.items"].Value);
        Assert.Equal(-3m, m["proactive.licensing.items_change"].Value);
        Assert.Equal(1024m, m["proactive.licensing.decisions"].Value);
        Assert.Equal(88m, m["proactive.other_services.decisions"].Value);
        Assert.Equal(4m, m["proactive.fees.items"].Value);
        Assert.False(m.ContainsKey("proactive.fees.items_change"));
        Assert.Equal(9m, m["proactive.procurement.items"].Value);
        Assert.Equal(312.5m, m["proactive.procurement.amount_wan_yuan"].Value);
    }

    [Fact]
    public void Matches_a_body_to_a_header_table_with_another_column_count()
    {
        var m = MetricExtractor.Extract(Build()).Metrics;

        Assert.Equal(61m, m["requests.new_received"].Value);
        Assert.Equal(43m, m["requests.new_received:natural_person"].Value);
        Assert.Equal(18m, m["requests.new_received:legal_total"].Value);
        Assert.Equal(18m, m["requests.by_applicant.legal_total"].Value);
        Assert.Equal(2m, m["requests.other_total"].Value);
        Assert.Equal("table", m["requests.other_total"].Provenance.Kind);
        Assert.Equal(4m, m["requests.denied_total"].Value);
        Assert.Equal(57m, m["requests.processed_total"].Value);
        Assert.Equal(8m, m["requests.carried_forward"].Value);
        Assert.Equal("申请人情况 / 自然人", m["requests.granted:natural_person"].Provenance.ColumnLabel);
        Assert.Equal(2, m["requests.granted:natural_person"].Provenance.Table);
    }

    [Fact]
    public void Reads_a_headerless_table4_row_of_fifteen_figures()
    {
        var m = MetricExtractor.Extract(Build()).Metrics;

        Assert.Equal(0m, m["reconsideration.total"].Value);
        Assert.Equal(1m, m["litigation.direct.upheld"].Value);
        Assert.Equal(1m, m["litigation.direct.total"].Value);
        Assert.Equal(0m, m["litigation.after_reconsideration.total"].Value);
        Assert.Equal(1m, m["litigation.total"].Value);
    }

    [Fact]
    public void A_subtotal_that_disagrees_with_its_columns_is_reported()
    {
        var doc = new DocumentBuilder { Year = 2020 }
            .Table(
                ["", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "小计", "总计"],
                ["一、本年新收政府信息公开申请数量", "5", "1", "0", "0", "0", "1", "3", "7"])
            .Build();

        var result = MetricExtractor.Extract(doc);

        var problem = Assert.Single(result.Problems, p => p.Code == ProblemCodes.Table3ApplicantColumns);
        Assert.Equal("requests.new_received:legal_total", problem.Key);
        Assert.Equal(7m, result.Metrics["requests.new_received"].Value);
    }
}
