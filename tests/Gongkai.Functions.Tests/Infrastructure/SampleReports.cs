using Gongkai.Functions.Records;
using Gongkai.Reports;

namespace Gongkai.Functions.Tests.Infrastructure;

/// <summary>ParsedReports built by hand, so the records and the API are tested independently of the parser.</summary>
public static class SampleReports
{
    public static ParsedReport Report(string agency, int? year, IDictionary<string, decimal> metrics, string? city = "广州市", string? county = null,
        string format = ReportFormats.Format2021, int problems = 0) => new()
    {
        Agency = agency,
        AgencyAsWritten = agency,
        Region = new ReportRegion("广东省", city, county),
        ReportYear = year,
        Format = format,
        Title = $"{agency}{year}年政府信息公开工作年度报告",
        Text = "一、总体情况\n本年度新收申请。\n二、主动公开政府信息情况\n",
        Sections = [new ReportSection("overview", "一、总体情况", 0, 14), new ReportSection("proactive", "二、主动公开政府信息情况", 14, 27)],
        Metrics = metrics.ToDictionary(m => m.Key, m => new ReportMetric(m.Key, m.Value, new MetricProvenance
        {
            Kind = "table", Section = "requests", Table = 3, Row = 1, Column = 9, RowLabel = "一、本年新收政府信息公开申请数量", ColumnLabel = "总计",
            Text = m.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })),
        Problems = [.. Enumerable.Range(0, problems).Select(i => new ReportProblem("table.sum_mismatch", $"problem {i}"))],
    };

    public static ReportVersion Version(string blob, DateTimeOffset fetchedAt, string portal = "test-portal", string? url = null) => new()
    {
        Blob = blob,
        ETag = "\"0x1\"",
        PortalId = portal,
        SourceUrl = url ?? $"http://127.0.0.1/{blob}",
        FetchedAt = fetchedAt,
        ContentType = "text/html; charset=utf-8",
        Sha256 = blob.Replace('/', '-'),
    };
}
