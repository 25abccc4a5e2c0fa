namespace Gongkai.Reports.Tests.Text;

public sealed class ReportJsonTests
{
    [Fact]
    public void A_parsed_report_round_trips_through_json()
    {
        var report = TextFixtures.Parse(TextFixtures.Bytes("trs-2021.html", "gb18030"), "trs-2021.html");
        var json = ReportJson.Serialize(report);

        Assert.Contains("\"agency\":\"丽水市青溪县自然资源局\"", json, StringComparison.Ordinal);
        Assert.Contains("\"publishedOn\":\"2022-01-18\"", json, StringComparison.Ordinal);
        var back = ReportJson.Deserialize(json);
        Assert.NotNull(back);
        Assert.Equal(report.Agency, back.Agency);
        Assert.Equal(report.Region, back.Region);
        Assert.Equal(report.PublishedOn, back.PublishedOn);
        Assert.Equal(report.Decoding, back.Decoding);
        Assert.Equal(report.Sections, back.Sections);
        Assert.Equal(report.Text, back.Text);
        Assert.Equal(report.Problems, back.Problems);
        Assert.Equal(report.Metrics.Count, back.Metrics.Count);
        foreach (var (key, metric) in report.Metrics)
        {
            Assert.Equal(metric.Value, back.Metrics[key].Value);
            Assert.Equal(metric.Provenance, back.Metrics[key].Provenance);
        }

        Assert.Equal(json, ReportJson.Serialize(back));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    public void Anything_else_deserializes_to_null(string json) => Assert.Null(ReportJson.Deserialize(json));
}
