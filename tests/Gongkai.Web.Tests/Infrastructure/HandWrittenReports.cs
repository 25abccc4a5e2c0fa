using System.Globalization;
using Gongkai.Functions.Records;
using Gongkai.Reports;

namespace Gongkai.Web.Tests.Infrastructure;

/// <summary>
/// Two years of a fictional district written in Traditional script, built by hand with their offsets so the page's
/// highlighting is checked against known places: a sentence figure, table cells, and in the later year a figure that
/// fails 表三's balance check with the problem pointing at its cell.
/// </summary>
public static class HandWrittenReports
{
    public const string Agency = "东江市白沙区人民政府";
    public const string AgencyAsWritten = "東江市白沙區人民政府";
    public const int FailingYear = 2023;
    public const string BrokenReason = "the page ends inside its second table";

    public static ReportVersion BrokenVersion { get; } = Version("web-tests/broken.html", 2024);

    public static IReadOnlyList<(ReportVersion Version, ParsedReport Report)> All { get; } =
    [
        (Version("web-tests/baisha-2022.html", 2023), Report(2022, received: 58, granted: 41, balanced: true)),
        (Version("web-tests/baisha-2023.html", 2024), Report(FailingYear, received: 73, granted: 52, balanced: false)),
    ];

    private static ParsedReport Report(int year, int received, int granted, bool balanced)
    {
        var y = year.ToString(CultureInfo.InvariantCulture);
        var title = $"{AgencyAsWritten}{y}年政府信息公開工作年度報告";
        var overview = "一、總體情況";
        var sentence = $"{y}年，本區主動公開政府信息{received * 3}條，";
        var requests = "三、收到和處理政府信息公開申請情況";
        string[] header = ["項目", "自然人", "法人或其他組織", "總計"];
        string[] receivedRow = ["一、本年新收政府信息公開申請數量", (received - 5).ToString(CultureInfo.InvariantCulture), "5", received.ToString(CultureInfo.InvariantCulture)];
        string[] grantedRow = ["（一）予以公開", (granted - 1).ToString(CultureInfo.InvariantCulture), "1", granted.ToString(CultureInfo.InvariantCulture)];
        var lines = new List<string> { title, overview, sentence + "依申請公開辦理及時。", requests, string.Join('\t', header), string.Join('\t', receivedRow), string.Join('\t', grantedRow) };
        var text = string.Join('\n', lines);

        int LineStart(int line) => lines.Take(line).Sum(l => l.Length + 1);
        int CellStart(int line, int column) => LineStart(line) + lines[line].Split('\t').Take(column).Sum(c => c.Length + 1);
        var itemsText = (received * 3).ToString(CultureInfo.InvariantCulture) + "條";
        var itemsStart = LineStart(2) + sentence.IndexOf(itemsText, StringComparison.Ordinal);

        MetricProvenance Cell(int line, int column, string[] row) => new()
        {
            Kind = "table", Section = "requests", Table = 0, Row = line - 4, Column = column, RowLabel = row[0], ColumnLabel = header[column],
            Text = row[column], Start = CellStart(line, column), End = CellStart(line, column) + row[column].Length,
        };

        var metrics = new Dictionary<string, ReportMetric>
        {
            ["proactive.total_items"] = new("proactive.total_items", received * 3, new MetricProvenance
            {
                Kind = "sentence", Section = "overview", Start = itemsStart, End = itemsStart + itemsText.Length, Text = itemsText, Unit = "條",
            }),
            ["requests.new_received"] = new("requests.new_received", received, Cell(5, 3, receivedRow)),
            ["requests.granted"] = new("requests.granted", granted, Cell(6, 3, grantedRow)),
            ["requests.processed_total"] = new("requests.processed_total", granted, new MetricProvenance
            {
                Kind = "derived", Section = "requests", Table = 0, Note = "not written as such: the sum of the outcome rows",
            }),
        };
        var problems = balanced ? new List<ReportProblem>() :
        [
            new ReportProblem("check.table3.balance", "表三 总计: 一 + 二 ≠ 三（七） + 四") { Key = "requests.new_received", Start = CellStart(5, 3), End = CellStart(5, 3) + receivedRow[3].Length },
        ];
        return new ParsedReport
        {
            Agency = Agency,
            AgencyAsWritten = AgencyAsWritten,
            Region = new ReportRegion(null, "东江市", "白沙区"),
            ReportYear = year,
            PublishedOn = new DateOnly(year + 1, 1, 20),
            Format = ReportFormats.Format2021,
            Script = ReportScripts.Traditional,
            Title = title,
            Text = text,
            Sections = [new ReportSection("overview", overview, LineStart(1), LineStart(3) - 1), new ReportSection("requests", requests, LineStart(3), text.Length)],
            Metrics = metrics,
            Problems = problems,
        };
    }

    private static ReportVersion Version(string blob, int fetchedYear) => new()
    {
        Blob = blob,
        ETag = "\"0x1\"",
        PortalId = "web-tests",
        SourceUrl = "http://127.0.0.1/" + blob,
        FetchedAt = new DateTimeOffset(fetchedYear, 1, 25, 8, 0, 0, TimeSpan.Zero),
        ContentType = "text/html; charset=utf-8",
        Sha256 = blob.Replace('/', '-'),
    };
}
