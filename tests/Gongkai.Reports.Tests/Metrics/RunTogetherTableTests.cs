using static Gongkai.Reports.Tests.Metrics.ReportFixtures;
using static Gongkai.Reports.Tests.Text.TextFixtures;

namespace Gongkai.Reports.Tests.Metrics;

/// <summary>
/// Reports that reached the web as one line of text with their tables flattened and the cells run together
/// (<c>一、本年新收政府信息公开申请数量6143114061</c>): the cuts come back from the tables' own arithmetic, and a row
/// whose digits more than one cut explains gets no figures and a problem naming it.
/// </summary>
public sealed class RunTogetherTableTests
{
    private static readonly string[] Applicants = ["natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org"];

    [Fact]
    public void The_export_header_gives_title_date_and_url_and_its_column_is_never_the_title()
    {
        var report = Parse(Bytes("flattened-2022.txt"), "flattened-2022.txt");

        Assert.Equal("南溪县住房和城乡建设局2022年政府信息公开工作年度报告", report.Title);
        Assert.Equal("南溪县住房和城乡建设局", report.Agency);
        Assert.Equal(2022, report.ReportYear);
        Assert.Equal(new DateOnly(2023, 1, 16), report.PublishedOn);
        Assert.DoesNotContain("标题", report.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("栏目", report.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Headings_inside_the_one_line_body_become_sections_and_chrome_is_removed()
    {
        var report = Parse(Bytes("flattened-2022.txt"), "flattened-2022.txt");

        Assert.Equal(["overview", "proactive", "requests", "review_litigation", "problems", "other"], Kinds(report));
        Assert.DoesNotContain("浏览次数", report.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("您现在的位置", report.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_three_cells_are_recovered_from_its_arithmetic()
    {
        var report = Parse(Bytes("flattened-2022.txt"), "flattened-2022.txt");

        AssertRow(report, "requests.new_received", NewReceived());
        AssertRow(report, "requests.carried_over", CarriedOver);
        AssertRow(report, "requests.granted", Granted);
        AssertRow(report, "requests.partially_granted", Partial);
        AssertRow(report, "requests.unable.not_held", Unable[0]);
        AssertRow(report, "requests.other.other", Other2021[2]);
        AssertRow(report, "requests.processed_total", Processed());
        AssertRow(report, "requests.carried_forward", CarriedForward);
        Assert.DoesNotContain(report.Problems, p => p.Code.StartsWith("check.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_recovered_figure_points_at_its_own_digits()
    {
        var report = Parse(Bytes("flattened-2022.txt"), "flattened-2022.txt");

        var granted = report.Metrics["requests.granted:natural_person"];
        Assert.Equal(ProvenanceKinds.Table, granted.Provenance.Kind);
        Assert.Equal("20", report.Text[granted.Provenance.Start!.Value..granted.Provenance.End!.Value]);
        var total = report.Metrics["requests.processed_total"];
        Assert.Equal("57", report.Text[total.Provenance.Start!.Value..total.Provenance.End!.Value]);
    }

    [Fact]
    public void Table_four_groups_each_add_up_and_table_two_single_cells_are_whole()
    {
        var report = Parse(Bytes("flattened-2022.txt"), "flattened-2022.txt");

        Assert.Equal(7m, report.Metrics["reconsideration.total"].Value);
        Assert.Equal(2m, report.Metrics["reconsideration.pending"].Value);
        Assert.Equal(4m, report.Metrics["litigation.direct.total"].Value);
        Assert.Equal(2m, report.Metrics["litigation.after_reconsideration.total"].Value);
        Assert.Equal(2417m, report.Metrics["proactive.licensing.decisions"].Value);
        Assert.Equal(306m, report.Metrics["proactive.penalties.decisions"].Value);
        Assert.Equal(8.5m, report.Metrics["proactive.fees.amount_wan_yuan"].Value);
        Assert.Equal(2m, report.Metrics["proactive.rules.in_force"].Value);
    }

    [Fact]
    public void A_row_two_cuts_explain_gets_no_figures_and_a_problem_naming_it()
    {
        // 行政规范性文件5138: 5 | 1 | 38 and 5 | 13 | 8 both fit 本年制发 | 本年废止 | 现行有效; nothing else says which.
        var report = Parse(Bytes("flattened-2022.txt"), "flattened-2022.txt");

        Assert.False(report.Metrics.ContainsKey("proactive.normative_docs.issued"));
        Assert.False(report.Metrics.ContainsKey("proactive.normative_docs.in_force"));
        var problem = Assert.Single(report.Problems, p => p.Code == ProblemCodes.FiguresSplitAmbiguous);
        Assert.Contains("行政规范性文件", problem.Message, StringComparison.Ordinal);
        Assert.Equal("5138", report.Text[problem.Start!.Value..problem.End!.Value]);
    }

    [Fact]
    public void Ordinals_and_names_in_the_overview_are_not_counts()
    {
        // “第一时间”, “三个一”, “两个平台”, “十四五”: the overview's only counts are the 61 requests and 57 answered,
        // and they agree with 表三.
        var report = Parse(Bytes("flattened-2022.txt"), "flattened-2022.txt");

        Assert.All(report.Metrics.Values.Where(m => m.Provenance.Kind == ProvenanceKinds.Sentence), m => Assert.Equal("fees.amount_yuan", m.Key));
        Assert.DoesNotContain(report.Problems, p => p.Code == ProblemCodes.FiguresConflict);
    }

    [Fact]
    public void A_narrative_with_ordinals_and_names_states_only_its_counts()
    {
        var report = ParseText(
            "一、总体情况\n2016年，本局落实“三个一”工作机制，做到第一时间登记、第一时间答复，建成“两个平台”，谋划“十四五”规划公开工作，"
            + "全年共受理政府信息公开申请5件，均已按时答复。\n");

        Assert.Equal(["requests.new_received"], report.Metrics.Keys.ToArray());
        Assert.Equal(5m, report.Metrics["requests.new_received"].Value);
    }

    [Fact]
    public void When_the_totals_are_cut_off_an_open_row_is_left_out_and_named()
    {
        // Without （七）总计 and 四、结转, nothing decides between 1|4|2|0|0|10|17 and 14|2|0|0|1|0|17.
        var report = ParseText(
            "三、收到和处理政府信息公开申请情况\n"
            + "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他一、本年新收政府信息公开申请数量91120023108"
            + "二、上年结转政府信息公开申请数量4000004三、本年度办理结果（一）予以公开416001250（四）无法提供1.本机关不掌握相关政府信息142001017\n");

        Assert.Equal(91m, report.Metrics["requests.new_received:natural_person"].Value);
        Assert.Equal(50m, report.Metrics["requests.granted"].Value);
        Assert.False(report.Metrics.ContainsKey("requests.unable.not_held"));
        var problem = Assert.Single(report.Problems, p => p.Code == ProblemCodes.FiguresSplitAmbiguous);
        Assert.Equal("requests.unable.not_held", problem.Key);
    }

    [Fact]
    public void A_row_no_cut_explains_is_left_out_and_the_others_are_kept()
    {
        // 43|1|1|0|1|4|61 cannot add up: the row's digits were damaged or mistyped.
        var report = ParseText(
            "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他一、本年新收政府信息公开申请数量431101461"
            + "二、上年结转政府信息公开申请数量4000004\n");

        Assert.False(report.Metrics.ContainsKey("requests.new_received:natural_person"));
        Assert.Equal(4m, report.Metrics["requests.carried_over"].Value);
        Assert.Contains(report.Problems, p => p.Code == ProblemCodes.FiguresSplitAmbiguous && p.Message.Contains("no cut", StringComparison.Ordinal));
    }

    [Fact]
    public void Cells_separated_by_spaces_or_bars_are_not_run_together()
    {
        var report = ParseText(
            "一、本年新收政府信息公开申请数量 | 91 | 12 | 0 | 0 | 2 | 3 | 108 |\n二、上年结转政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |\n");

        Assert.DoesNotContain(report.Problems, p => p.Code == ProblemCodes.FiguresSplitAmbiguous);
    }

    private static void AssertRow(ParsedReport report, string key, int[] applicants)
    {
        for (var i = 0; i < applicants.Length; i++)
        {
            Assert.Equal(applicants[i], report.Metrics[key + ":" + Applicants[i]].Value);
        }

        Assert.Equal(applicants.Sum(), report.Metrics[key].Value);
    }
}

/// <summary>
/// The pre-2019 统计表 with 本年 and 历年累计 columns, flattened: unit, year and cumulative figure run together
/// (<c>主动公开信息数条3121874</c>) or kept apart by spaces. The year's figure is the table's; 历年累计 ≥ 本年, and a
/// sentence of the report stating the year's figure settles a cut the table alone leaves open.
/// </summary>
public sealed class CumulativeStatisticsTableTests
{
    private const string Narrative =
        "2016年青禾县林业局政府信息公开工作年度报告\n一、概述\n2016年，我局全年主动公开政府信息312条，共受理政府信息公开申请5件，均已按时答复。\n"
        + "二、主动公开政府信息情况\n我局通过门户网站公开机构职能、林业项目等信息。\n三、依申请公开政府信息情况\n申请均在法定期限内答复。\n";

    [Fact]
    public void A_run_together_row_takes_the_cut_the_narrative_states_and_the_year_column()
    {
        var report = ParseText(Narrative + "附表：政府信息公开情况统计表\n"
            + "指标名称计量单位本年历年累计一、主动公开情况（一）主动公开信息数条3121874其中：主动公开规范性文件数件1245"
            + "二、依申请公开情况（一）收到申请数件523（二）申请答复数件523其中：同意公开答复数件419三、行政复议数量件01四、依申请公开信息收取的费用万元00\n");

        Assert.Equal(312m, report.Metrics["proactive.total_items"].Value);
        Assert.Equal(ProvenanceKinds.Table, report.Metrics["proactive.total_items"].Provenance.Kind);
        Assert.Equal(5m, report.Metrics["requests.new_received"].Value);
        Assert.Equal(5m, report.Metrics["requests.processed_total"].Value);
        Assert.Equal(4m, report.Metrics["requests.granted"].Value);
        Assert.Equal(0m, report.Metrics["reconsideration.total"].Value);
        Assert.Equal(0m, report.Metrics["fees.amount_yuan"].Value);
        Assert.Equal(ReportFormats.Pre2019, report.Format);
    }

    [Fact]
    public void A_row_neither_the_table_nor_the_narrative_settles_is_left_out()
    {
        // 1245 is 1 | 245 or 12 | 45; the report never states how many normative documents it published.
        var report = ParseText(Narrative + "指标名称计量单位本年历年累计（一）主动公开信息数条3121874其中：主动公开规范性文件数件1245\n");

        Assert.False(report.Metrics.ContainsKey("proactive.normative_docs.published"));
        var problem = Assert.Single(report.Problems, p => p.Code == ProblemCodes.FiguresSplitAmbiguous);
        Assert.Contains("主动公开规范性文件数", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_spaces_between_the_columns_the_year_is_the_figure_not_the_cumulative_one()
    {
        var report = ParseText(Narrative + "附表：政府信息公开情况统计表\n指标名称 计量单位 本年 历年累计\n"
            + "（一）主动公开信息数 条 312 1874\n（二）收到申请数 件 5 23\n（三）申请答复数 件 5 23\n其中：同意公开答复数 件 4 19\n行政复议数量 件 0 1\n");

        Assert.Equal(312m, report.Metrics["proactive.total_items"].Value);
        Assert.Equal(5m, report.Metrics["requests.new_received"].Value);
        Assert.Equal(4m, report.Metrics["requests.granted"].Value);
        Assert.Equal(0m, report.Metrics["reconsideration.total"].Value);
    }
}

/// <summary>Narrative-only reports (2008–2018): approximate totals, ranges, and the noun that decides the key.</summary>
public sealed class NarrativeTotalsTests
{
    private const string Report =
        "2012年红石镇政府信息公开工作年度报告\n一、概述\n2012年，我镇政府信息公开工作稳步推进，政务服务中心全年受理申请4900人次，办理各类事项3000余件。\n"
        + "二、主动公开政府信息情况\n全年主动公开政府信息约1200条，其中通过政府网站公开800余条。\n"
        + "三、依申请公开政府信息情况\n全年共收到政府信息公开申请近30件，其中当面申请8件，同意公开10件。\n"
        + "四、咨询情况\n受理群众咨询约300至400人次。\n"
        + "五、因政府信息公开申请提起行政复议、行政诉讼情况\n本年度未发生因政府信息公开申请提起的行政复议和行政诉讼。\n";

    [Fact]
    public void Person_times_received_are_not_requests()
    {
        var report = ParseText(Report);

        Assert.Equal(30m, report.Metrics["requests.new_received"].Value);
        Assert.DoesNotContain(report.Metrics.Values, m => m.Value == 4900m);
    }

    [Fact]
    public void Approximate_totals_are_kept_as_written_with_a_note()
    {
        var report = ParseText(Report);

        Assert.Equal(1200m, report.Metrics["proactive.total_items"].Value);
        Assert.StartsWith("approximate", report.Metrics["proactive.total_items"].Provenance.Note, StringComparison.Ordinal);
        Assert.StartsWith("approximate", report.Metrics["requests.new_received"].Provenance.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_range_is_not_a_figure()
    {
        var report = ParseText(Report);

        Assert.False(report.Metrics.ContainsKey("consultations.total"));
        Assert.Equal(0m, report.Metrics["reconsideration.total"].Value);
    }
}

public sealed class RunTogetherTableTwoTests
{
    private const string Table =
        "二、主动公开政府信息情况\n第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件5138第二十条第（五）项信息内容本年处理决定数量行政许可2417\n";

    [Fact]
    public void A_sentence_stating_one_cuts_figure_settles_the_row()
    {
        // 5138 is 5 | 1 | 38 or 5 | 13 | 8; the overview says 1 was repealed.
        var report = ParseText("一、总体情况\n2022年，本局制发行政规范性文件5件，废止行政规范性文件1件。\n" + Table);

        Assert.Equal(5m, report.Metrics["proactive.normative_docs.issued"].Value);
        Assert.Equal(1m, report.Metrics["proactive.normative_docs.repealed"].Value);
        Assert.Equal(38m, report.Metrics["proactive.normative_docs.in_force"].Value);
        Assert.DoesNotContain(report.Problems, p => p.Code == ProblemCodes.FiguresSplitAmbiguous);
    }

    [Fact]
    public void A_sentence_stating_what_every_cut_has_settles_nothing()
    {
        var report = ParseText("一、总体情况\n2022年，本局制发行政规范性文件5件。\n" + Table);

        Assert.False(report.Metrics.ContainsKey("proactive.normative_docs.in_force"));
        Assert.Contains(report.Problems, p => p.Code == ProblemCodes.FiguresSplitAmbiguous);
        Assert.Equal(2417m, report.Metrics["proactive.licensing.decisions"].Value);
    }
}
