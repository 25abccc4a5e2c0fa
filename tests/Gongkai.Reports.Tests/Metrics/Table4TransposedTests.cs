namespace Gongkai.Reports.Tests.Metrics;

/// <summary>表四 published vertically: outcomes as rows, the groups as columns or as row labels.</summary>
public sealed class Table4TransposedTests
{
    [Fact]
    public void Outcome_rows_under_group_columns_are_read()
    {
        var b = new DocumentBuilder { Year = 2022 };
        b.Section("review_litigation", "四、政府信息公开行政复议、行政诉讼情况");
        b.Table(
            ["结果|r2", "行政复议|r2", "行政诉讼|c2"],
            ["未经复议直接起诉", "复议后起诉"],
            ["结果维持", "3", "1", "2"],
            ["结果纠正", "1", "0", "0"],
            ["其他结果", "0", "1", "0"],
            ["尚未审结", "2", "0", "1"],
            ["总计", "6", "2", "3"]);

        var result = MetricExtractor.Extract(b.Build());

        var m = result.Metrics;
        Assert.Equal(3m, m["reconsideration.upheld"].Value);
        Assert.Equal(1m, m["reconsideration.corrected"].Value);
        Assert.Equal(0m, m["reconsideration.other"].Value);
        Assert.Equal(2m, m["reconsideration.pending"].Value);
        Assert.Equal(6m, m["reconsideration.total"].Value);
        Assert.Equal(1m, m["litigation.direct.upheld"].Value);
        Assert.Equal(1m, m["litigation.direct.other"].Value);
        Assert.Equal(2m, m["litigation.direct.total"].Value);
        Assert.Equal(2m, m["litigation.after_reconsideration.upheld"].Value);
        Assert.Equal(1m, m["litigation.after_reconsideration.pending"].Value);
        Assert.Equal(3m, m["litigation.after_reconsideration.total"].Value);
        Assert.Equal(5m, m["litigation.total"].Value);
        Assert.Equal(3m, m["litigation.upheld"].Value);
        var cell = m["litigation.after_reconsideration.total"].Provenance;
        Assert.Equal("table", cell.Kind);
        Assert.Equal("总计", cell.RowLabel);
        Assert.Contains("复议后起诉", cell.ColumnLabel, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Problems, p => p.Code.StartsWith("check.", StringComparison.Ordinal) || p.Code.StartsWith("figures.", StringComparison.Ordinal));
    }

    [Fact]
    public void One_figure_per_group_and_outcome_row_is_read()
    {
        var b = new DocumentBuilder { Year = 2020 };
        b.Section("review_litigation", "四、政府信息公开行政复议、行政诉讼情况");
        b.Table(
            ["行政复议|r5", "结果维持", "2"],
            ["结果纠正", "0"],
            ["其他结果", "1"],
            ["尚未审结", "0"],
            ["总计", "3"],
            ["行政诉讼|r10", "未经复议直接起诉|r5", "结果维持", "0"],
            ["结果纠正", "1"],
            ["其他结果", "0"],
            ["尚未审结", "0"],
            ["总计", "1"],
            ["复议后起诉|r5", "结果维持", "1"],
            ["结果纠正", "0"],
            ["其他结果", "0"],
            ["尚未审结", "1"],
            ["总计", "2"]);

        var result = MetricExtractor.Extract(b.Build());

        var m = result.Metrics;
        Assert.Equal(2m, m["reconsideration.upheld"].Value);
        Assert.Equal(1m, m["reconsideration.other"].Value);
        Assert.Equal(3m, m["reconsideration.total"].Value);
        Assert.Equal(1m, m["litigation.direct.corrected"].Value);
        Assert.Equal(1m, m["litigation.direct.total"].Value);
        Assert.Equal(1m, m["litigation.after_reconsideration.upheld"].Value);
        Assert.Equal(1m, m["litigation.after_reconsideration.pending"].Value);
        Assert.Equal(2m, m["litigation.after_reconsideration.total"].Value);
        Assert.Equal(3m, m["litigation.total"].Value);
        Assert.DoesNotContain(result.Problems, p => p.Code.StartsWith("check.", StringComparison.Ordinal) || p.Code.StartsWith("figures.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_transposed_table_whose_totals_do_not_add_up_is_flagged()
    {
        var b = new DocumentBuilder { Year = 2022 };
        b.Section("review_litigation", "四、政府信息公开行政复议、行政诉讼情况");
        b.Table(
            ["", "行政复议", "行政诉讼"],
            ["结果维持", "3", "1"],
            ["结果纠正", "1", "0"],
            ["其他结果", "0", "0"],
            ["尚未审结", "0", "0"],
            ["总计", "5", "1"]);

        var result = MetricExtractor.Extract(b.Build());

        Assert.Equal(5m, result.Metrics["reconsideration.total"].Value);
        Assert.Equal(1m, result.Metrics["litigation.total"].Value);
        Assert.Contains(result.Problems, p => p.Code.StartsWith("check.", StringComparison.Ordinal) && p.Message.Contains("reconsideration", StringComparison.Ordinal));
    }
}
