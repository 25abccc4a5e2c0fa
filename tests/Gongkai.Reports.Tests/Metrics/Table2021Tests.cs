namespace Gongkai.Reports.Tests.Metrics;

public sealed class Table2021Tests
{
    private static MetricExtraction Extract(Func<string[][], string[][]>? alter = null) =>
        MetricExtractor.Extract(ReportFixtures.Report2021(alter).Build());

    private static decimal Value(MetricExtraction result, string key)
    {
        Assert.True(result.Metrics.TryGetValue(key, out var metric), $"{key} is missing");
        return metric.Value;
    }

    [Fact]
    public void Recognises_the_2021_format_and_reports_no_problems_when_everything_adds_up()
    {
        var result = Extract();

        Assert.Equal("2021", result.Format);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Reads_table2_blocks_with_merged_cells_separators_and_amounts()
    {
        var result = Extract();

        Assert.Equal(0m, Value(result, "proactive.rules.issued"));
        Assert.Equal(2m, Value(result, "proactive.rules.in_force"));
        Assert.Equal(5m, Value(result, "proactive.normative_docs.issued"));
        Assert.Equal(1m, Value(result, "proactive.normative_docs.repealed"));
        Assert.Equal(38m, Value(result, "proactive.normative_docs.in_force"));
        Assert.Equal(2417m, Value(result, "proactive.licensing.decisions"));
        Assert.Equal(306m, Value(result, "proactive.penalties.decisions"));
        Assert.False(result.Metrics.ContainsKey("proactive.enforcement.decisions")); // blank cell: not stated, not zero
        Assert.Equal(8.5m, Value(result, "proactive.fees.amount_wan_yuan"));

        var licensing = result.Metrics["proactive.licensing.decisions"].Provenance;
        Assert.Equal("table", licensing.Kind);
        Assert.Equal(0, licensing.Table);
        Assert.Equal(6, licensing.Row);
        Assert.Equal(1, licensing.Column);
        Assert.Equal("行政许可", licensing.RowLabel);
        Assert.Equal("本年处理决定数量", licensing.ColumnLabel);
        Assert.Equal("2,417", licensing.Text);
    }

    [Fact]
    public void Reads_every_table3_row_in_every_applicant_column_across_the_split()
    {
        var result = Extract();

        Assert.Equal(61m, Value(result, "requests.new_received"));
        Assert.Equal(43m, Value(result, "requests.new_received:natural_person"));
        Assert.Equal(11m, Value(result, "requests.new_received:commercial"));
        Assert.Equal(1m, Value(result, "requests.new_received:research"));
        Assert.Equal(0m, Value(result, "requests.new_received:social_welfare"));
        Assert.Equal(4m, Value(result, "requests.new_received:legal_services"));
        Assert.Equal(2m, Value(result, "requests.new_received:other_org"));
        Assert.Equal(4m, Value(result, "requests.carried_over"));
        Assert.Equal(30m, Value(result, "requests.granted"));
        Assert.Equal(6m, Value(result, "requests.partially_granted"));
        Assert.Equal(2m, Value(result, "requests.partially_granted:commercial"));
        Assert.Equal(2m, Value(result, "requests.denied.third_party_rights"));
        Assert.Equal(1m, Value(result, "requests.denied.process_info")); // first row after the split
        Assert.Equal(0m, Value(result, "requests.denied.administrative_query"));
        Assert.Equal(9m, Value(result, "requests.unable.not_held"));
        Assert.Equal(7m, Value(result, "requests.unable.not_held:natural_person"));
        Assert.Equal(1m, Value(result, "requests.unable.unclear"));
        Assert.Equal(2m, Value(result, "requests.not_processed.complaints"));
        Assert.Equal(1m, Value(result, "requests.not_processed.repeated"));
        Assert.Equal(1m, Value(result, "requests.other.no_correction"));
        Assert.Equal(0m, Value(result, "requests.other.unpaid_fees"));
        Assert.Equal(1m, Value(result, "requests.other.other:commercial"));
        Assert.Equal(57m, Value(result, "requests.processed_total"));
        Assert.Equal(41m, Value(result, "requests.processed_total:natural_person"));
        Assert.Equal(8m, Value(result, "requests.carried_forward"));
        Assert.Equal(1m, Value(result, "requests.carried_forward:legal_services"));
    }

    [Fact]
    public void Derives_group_totals_and_the_applicant_breakdown()
    {
        var result = Extract();

        Assert.Equal(4m, Value(result, "requests.denied_total"));
        Assert.Equal("derived", result.Metrics["requests.denied_total"].Provenance.Kind);
        Assert.Equal(12m, Value(result, "requests.unable_to_provide_total"));
        Assert.Equal(3m, Value(result, "requests.not_processed_total"));
        Assert.Equal(2m, Value(result, "requests.other_total"));
        Assert.Equal(9m, Value(result, "requests.not_exist"));
        Assert.Equal(43m, Value(result, "requests.by_applicant.natural_person"));
        Assert.Equal(18m, Value(result, "requests.by_applicant.legal_total"));
    }

    [Fact]
    public void Table3_provenance_names_the_row_path_and_the_column_as_written()
    {
        var metric = Extract().Metrics["requests.denied.third_party_rights:commercial"];

        Assert.Equal(1m, metric.Value);
        Assert.Equal("table", metric.Provenance.Kind);
        Assert.Equal(1, metric.Provenance.Table);
        Assert.Equal("三、本年度办理结果 / （三）不予公开 / 4.保护第三方合法权益", metric.Provenance.RowLabel);
        Assert.Equal("申请人情况 / 法人或其他组织 / 商业企业", metric.Provenance.ColumnLabel);
        Assert.Equal(4, metric.Provenance.Column);
        Assert.Equal("requests", metric.Provenance.Section);
    }

    [Fact]
    public void Reads_table4_groups_and_sums_litigation()
    {
        var result = Extract();

        Assert.Equal(4m, Value(result, "reconsideration.upheld"));
        Assert.Equal(1m, Value(result, "reconsideration.corrected"));
        Assert.Equal(0m, Value(result, "reconsideration.other"));
        Assert.Equal(2m, Value(result, "reconsideration.pending"));
        Assert.Equal(7m, Value(result, "reconsideration.total"));
        Assert.Equal(3m, Value(result, "litigation.direct.upheld"));
        Assert.Equal(4m, Value(result, "litigation.direct.total"));
        Assert.Equal(1m, Value(result, "litigation.after_reconsideration.corrected"));
        Assert.Equal(2m, Value(result, "litigation.after_reconsideration.total"));
        Assert.Equal(4m, Value(result, "litigation.upheld"));
        Assert.Equal(1m, Value(result, "litigation.corrected"));
        Assert.Equal(1m, Value(result, "litigation.pending"));
        Assert.Equal(6m, Value(result, "litigation.total"));
        Assert.Equal("行政诉讼 / 复议后起诉 / 结果纠正", result.Metrics["litigation.after_reconsideration.corrected"].Provenance.ColumnLabel);
    }

    [Fact]
    public void Reads_the_fee_sentence_and_agrees_with_the_overview()
    {
        var result = Extract();

        Assert.Equal(0m, Value(result, "fees.amount_yuan"));
        var fee = result.Metrics["fees.amount_yuan"].Provenance;
        Assert.Equal("sentence", fee.Kind);
        Assert.Equal("本年度收取信息处理费0元", fee.Text);
        Assert.Equal("table", result.Metrics["requests.new_received"].Provenance.Kind);
    }

    [Fact]
    public void Reports_each_failed_rule_with_its_own_code()
    {
        // （七）总计 says 59 instead of 57; 自然人 of （一） says 21 where 20 makes the row add up.
        var result = Extract(rows =>
        {
            foreach (var row in rows)
            {
                if (row[0].StartsWith("（七）", StringComparison.Ordinal))
                {
                    row[^1] = "59";
                }
                else if (row.Length > 1 && row[1].StartsWith("（一）予以公开", StringComparison.Ordinal))
                {
                    row[2] = "21";
                }
            }

            return rows;
        });

        var codes = result.Problems.Select(p => p.Code).ToList();
        Assert.Contains(ProblemCodes.Table3Balance, codes);
        Assert.Contains(ProblemCodes.Table3OutcomesTotal, codes);
        Assert.Contains(ProblemCodes.Table3ApplicantColumns, codes);
        var balance = result.Problems.First(p => p.Code == ProblemCodes.Table3Balance);
        Assert.Contains("61", balance.Message, StringComparison.Ordinal);
        Assert.Contains("59", balance.Message, StringComparison.Ordinal);
        Assert.Contains(result.Problems, p => p.Code == ProblemCodes.Table3ApplicantColumns && p.Key == "requests.granted");
        Assert.Equal(59m, result.Metrics["requests.processed_total"].Value); // kept as written
    }

    [Fact]
    public void Recovers_a_damaged_cell_that_the_row_and_column_rules_determine()
    {
        var result = Extract(rows =>
        {
            foreach (var row in rows)
            {
                var i = Array.IndexOf(row, ReportFixtures.UnableLabels[0]);
                if (i >= 0)
                {
                    row[i + 1] = "\uFFFD";
                }
            }

            return rows;
        });

        var recovered = result.Metrics["requests.unable.not_held:natural_person"];
        Assert.Equal(7m, recovered.Value);
        Assert.Equal("recovered", recovered.Provenance.Kind);
        Assert.Equal("\uFFFD", recovered.Provenance.Text);
        Assert.Contains("recovered as 7", recovered.Provenance.Note, StringComparison.Ordinal);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(ProblemCodes.FiguresRecovered, problem.Code);
        Assert.Equal("requests.unable.not_held:natural_person", problem.Key);
        Assert.Equal(12m, result.Metrics["requests.unable_to_provide_total"].Value);
    }

    [Fact]
    public void Reports_a_damaged_cell_it_cannot_determine()
    {
        // A two-by-two block of damaged cells: every row and column rule has two unknowns.
        var result = Extract(rows =>
        {
            foreach (var row in rows)
            {
                var i = Math.Max(Array.IndexOf(row, ReportFixtures.UnableLabels[0]), Array.IndexOf(row, ReportFixtures.UnableLabels[1]));
                if (i >= 0)
                {
                    row[i + 1] = "?";
                    row[i + 2] = "?";
                }
            }

            return rows;
        });

        Assert.False(result.Metrics.ContainsKey("requests.unable.not_held:natural_person"));
        Assert.Contains(result.Problems, p => p.Code == ProblemCodes.FiguresDamaged && p.Key == "requests.unable.not_held:natural_person");
    }
}
