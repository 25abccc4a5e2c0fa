using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Gongkai.Functions.Records;
using Gongkai.Functions.Tests.Infrastructure;
using Gongkai.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Functions.Tests;

/// <summary>Every route of the query API, its errors and its CSV, against records written by the real writer.</summary>
[Collection(PipelineCollection.Name)]
public sealed class QueryApiTests(PipelineStorage storage) : IAsyncLifetime
{
    // A year no other test writes, so rankings and listings hold exactly this class's reports.
    private const int Year = 2061;
    private Seeded _seeded = null!;

    private HttpClient Client => _seeded.Host.Client;
    private string Suffix => _seeded.Suffix;
    private string LiwanId => _seeded.LiwanId;
    private string NanshaId => _seeded.NanshaId;
    private string Liwan => "广州市荔湾区人民政府" + Suffix;
    private string Nansha => "广州市南沙区人民政府" + Suffix;
    private string Qingxin => "清远市清新区人民政府" + Suffix;

    public async Task InitializeAsync() => _seeded = await storage.SharedAsync(nameof(QueryApiTests), () => SeedAsync(storage));

    public Task DisposeAsync() => Task.CompletedTask;

    private sealed record Seeded(RunningHost Host, string Suffix, string LiwanId, string NanshaId) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Host.DisposeAsync();
    }

    private static async Task<Seeded> SeedAsync(PipelineStorage storage)
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        string liwan = "广州市荔湾区人民政府" + suffix, nansha = "广州市南沙区人民政府" + suffix, qingxin = "清远市清新区人民政府" + suffix;
        var host = await RunningHost.StartAsync(storage);
        var writer = host.Services.GetRequiredService<ReportRecordWriter>();
        var at = new DateTimeOffset(2062, 1, 20, 0, 0, 0, TimeSpan.Zero);
        var liwanId = await writer.WriteAsync(SampleReports.Version($"api/{Year}/{suffix}-liwan.html", at),
            SampleReports.Report(liwan, Year, new Dictionary<string, decimal> { ["requests.new_received"] = 120, ["requests.granted"] = 80 }, county: "荔湾区"), default);
        var nanshaId = await writer.WriteAsync(SampleReports.Version($"api/{Year}/{suffix}-nansha.html", at),
            SampleReports.Report(nansha, Year, new Dictionary<string, decimal> { ["requests.new_received"] = 300 }, county: "南沙区", problems: 2), default);
        await writer.WriteAsync(SampleReports.Version($"api/{Year}/{suffix}-qingxin.html", at),
            SampleReports.Report(qingxin, Year, new Dictionary<string, decimal> { ["requests.new_received"] = 45 }, city: "清远市", county: "清新区", format: "2019"), default);
        await writer.WriteAsync(SampleReports.Version($"api/{Year - 1}/{suffix}-liwan.html", at.AddYears(-1)),
            SampleReports.Report(liwan, Year - 1, new Dictionary<string, decimal> { ["requests.new_received"] = 90 }, county: "荔湾区"), default);
        return new Seeded(host, suffix, liwanId, nanshaId);
    }

    [Fact]
    public async Task Reports_filter_by_year_region_format_and_problems()
    {
        var all = await GetJsonAsync($"/api/reports?year={Year}&region=广东省&top=1000");
        var ids = Items(all).Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Contains(LiwanId, ids);
        Assert.Contains(NanshaId, ids);

        var guangzhou = Items(await GetJsonAsync($"/api/reports?year={Year}&region=广州市&top=1000"));
        Assert.All(guangzhou, i => Assert.Equal("广州市", i.GetProperty("region").GetProperty("city").GetString()));
        Assert.DoesNotContain(guangzhou, i => i.GetProperty("agency").GetString() == Qingxin);

        var format2019 = Items(await GetJsonAsync($"/api/reports?year={Year}&format=2019"));
        Assert.Equal(Qingxin, Assert.Single(format2019).GetProperty("agency").GetString());

        var withProblems = Items(await GetJsonAsync($"/api/reports?year={Year}&hasProblems=true"));
        var nansha = Assert.Single(withProblems);
        Assert.Equal(NanshaId, nansha.GetProperty("id").GetString());
        Assert.Equal(2, nansha.GetProperty("problems").GetInt32());
    }

    [Fact]
    public async Task Reports_by_agency_accept_traditional_script_and_list_every_year()
    {
        var traditional = "廣州市荔灣區人民政府" + Suffix;
        var items = Items(await GetJsonAsync($"/api/reports?agency={Uri.EscapeDataString(traditional)}"));
        Assert.Equal([Year - 1, Year], items.Select(i => i.GetProperty("year").GetInt32()));

        var oneYear = Items(await GetJsonAsync($"/api/reports?agency={Uri.EscapeDataString(Liwan)}&year={Year}"));
        Assert.Equal(LiwanId, Assert.Single(oneYear).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Reports_page_with_an_opaque_continuation()
    {
        var seen = new List<string>();
        string? continuation = null;
        var pages = 0;
        do
        {
            var page = await GetJsonAsync($"/api/reports?year={Year}&top=1" + (continuation is null ? "" : "&continuation=" + continuation));
            seen.AddRange(Items(page).Select(i => i.GetProperty("id").GetString()!));
            continuation = page.GetProperty("continuation").ValueKind == JsonValueKind.String ? page.GetProperty("continuation").GetString() : null;
            pages++;
        }
        while (continuation is not null && pages < 10);
        Assert.Equal(3, seen.Distinct().Count());
        Assert.Equal(3, seen.Count);

        // A token replayed with other filters is refused, not silently applied.
        var first = await GetJsonAsync($"/api/reports?year={Year}&top=1");
        var token = first.GetProperty("continuation").GetString();
        await AssertProblemAsync($"/api/reports?year={Year - 1}&top=1&continuation={token}", HttpStatusCode.BadRequest, "continuation");
    }

    [Fact]
    public async Task Report_by_id_has_sections_metrics_with_provenance_source_and_versions()
    {
        var report = await GetJsonAsync($"/api/reports/{LiwanId}");
        Assert.Equal(Liwan, report.GetProperty("agency").GetString());
        Assert.Equal("荔湾区", report.GetProperty("region").GetProperty("county").GetString());
        Assert.Equal(Year, report.GetProperty("year").GetInt32());
        Assert.StartsWith("http://127.0.0.1/api/", report.GetProperty("source").GetProperty("url").GetString(), StringComparison.Ordinal);
        var sections = report.GetProperty("sections").EnumerateArray().ToList();
        Assert.Equal("一、总体情况", sections[0].GetProperty("heading").GetString());
        Assert.StartsWith("一、总体情况", sections[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        var received = report.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("key").GetString() == "requests.new_received");
        Assert.Equal(120m, received.GetProperty("value").GetDecimal());
        Assert.Equal("requests", received.GetProperty("unit").GetString());
        Assert.Equal("table", received.GetProperty("provenance").GetProperty("kind").GetString());
        Assert.Equal(3, received.GetProperty("provenance").GetProperty("table").GetInt32());
        var version = Assert.Single(report.GetProperty("versions").EnumerateArray());
        Assert.True(version.GetProperty("current").GetBoolean());
    }

    [Fact]
    public async Task Unknown_report_ids_are_404_problems()
    {
        await AssertProblemAsync("/api/reports/2061-0000000000000000", HttpStatusCode.NotFound, null);
        await AssertProblemAsync("/api/reports/not-an-id", HttpStatusCode.NotFound, null);
    }

    [Fact]
    public async Task Agencies_list_each_agency_with_its_years()
    {
        var agencies = Items(await GetJsonAsync("/api/agencies?region=荔湾区&top=1000"));
        var liwan = Assert.Single(agencies, a => a.GetProperty("agency").GetString() == Liwan);
        Assert.Equal([Year - 1, Year], liwan.GetProperty("years").EnumerateArray().Select(y => y.GetInt32()));
        Assert.Equal(LiwanId, liwan.GetProperty("reports").GetProperty(Year.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetString());
    }

    [Fact]
    public async Task Metrics_catalogue_lists_keys_with_labels()
    {
        var items = Items(await GetJsonAsync("/api/metrics"));
        var received = Assert.Single(items, m => m.GetProperty("key").GetString() == "requests.new_received");
        Assert.False(string.IsNullOrEmpty(received.GetProperty("labelZh").GetString()));
        Assert.False(string.IsNullOrEmpty(received.GetProperty("labelEn").GetString()));
    }

    [Fact]
    public async Task A_metric_ranks_agencies_for_a_year_in_either_order_and_by_region()
    {
        var desc = await GetJsonAsync($"/api/metrics/requests.new_received?year={Year}");
        Assert.Equal([300m, 120m, 45m], Items(desc).Select(i => i.GetProperty("value").GetDecimal()));
        Assert.Equal([1, 2, 3], Items(desc).Select(i => i.GetProperty("rank").GetInt32()));

        var asc = await GetJsonAsync($"/api/metrics/requests.new_received?year={Year}&order=asc&top=2");
        Assert.Equal([45m, 120m], Items(asc).Select(i => i.GetProperty("value").GetDecimal()));

        var guangzhou = await GetJsonAsync($"/api/metrics/requests.new_received?year={Year}&region=廣州市");
        Assert.Equal([Nansha, Liwan], Items(guangzhou).Select(i => i.GetProperty("agency").GetString()));

        var page1 = await GetJsonAsync($"/api/metrics/requests.new_received?year={Year}&top=2");
        var page2 = await GetJsonAsync($"/api/metrics/requests.new_received?year={Year}&top=2&continuation={page1.GetProperty("continuation").GetString()}");
        var last = Assert.Single(Items(page2));
        Assert.Equal(3, last.GetProperty("rank").GetInt32());
        Assert.Equal(45m, last.GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task An_agencys_metric_over_years()
    {
        var body = await GetJsonAsync($"/api/agencies/{Uri.EscapeDataString(Liwan)}/metrics/requests.new_received");
        Assert.Equal([(Year - 1, 90m), (Year, 120m)], Items(body).Select(i => (i.GetProperty("year").GetInt32(), i.GetProperty("value").GetDecimal())));
        await AssertProblemAsync($"/api/agencies/{Uri.EscapeDataString("没有这个机关" + Suffix)}/metrics/requests.new_received", HttpStatusCode.NotFound, null);
        await AssertProblemAsync($"/api/agencies/{Uri.EscapeDataString(Liwan)}/metrics/no.such.key", HttpStatusCode.NotFound, null);
    }

    [Fact]
    public async Task An_agency_name_with_a_slash_is_found_when_the_slash_is_escaped()
    {
        const int year = 2049;
        var writer = _seeded.Host.Services.GetRequiredService<ReportRecordWriter>();
        var at = new DateTimeOffset(2050, 1, 20, 0, 0, 0, TimeSpan.Zero);
        var slashed = "甲/乙联合办公室" + Suffix;
        var escapedText = "甲%2F乙联合办公室" + Suffix; // the text %2F itself, which must not be decoded a second time
        await writer.WriteAsync(SampleReports.Version($"api/{year}/{Suffix}-slashed.html", at),
            SampleReports.Report(slashed, year, new Dictionary<string, decimal> { ["requests.new_received"] = 7 }), default);
        await writer.WriteAsync(SampleReports.Version($"api/{year}/{Suffix}-escaped.html", at),
            SampleReports.Report(escapedText, year, new Dictionary<string, decimal> { ["requests.new_received"] = 8 }), default);

        foreach (var (agency, value) in new[] { (slashed, 7m), (escapedText, 8m) })
        {
            var url = $"/api/agencies/{Uri.EscapeDataString(agency)}/metrics/requests.new_received";
            var body = await GetJsonAsync(url);
            Assert.Equal(agency, body.GetProperty("agency").GetString());
            Assert.Equal([(year, value)], Items(body).Select(i => (i.GetProperty("year").GetInt32(), i.GetProperty("value").GetDecimal())));
            using var csv = await SendAsync(url + "?format=csv", null);
            Assert.Equal($"{agency},requests.new_received,{year},{value}", string.Join(',', CsvLines(await csv.Content.ReadAsByteArrayAsync())[1].Split(',')[..4]));
        }
        var lowerCase = $"/api/agencies/{Uri.EscapeDataString(slashed).Replace("%2F", "%2f", StringComparison.Ordinal)}/metrics/requests.new_received";
        Assert.Equal(slashed, (await GetJsonAsync(lowerCase)).GetProperty("agency").GetString());
        await AssertProblemAsync($"/api/agencies/{Uri.EscapeDataString("甲/丙" + Suffix)}/metrics/requests.new_received", HttpStatusCode.NotFound, null);
    }

    [Fact]
    public async Task Reports_that_name_no_author_are_found_through_the_author_not_stated_entry()
    {
        // A year no other test writes.
        const int year = 2071;
        var writer = _seeded.Host.Services.GetRequiredService<ReportRecordWriter>();
        var at = new DateTimeOffset(2072, 1, 20, 0, 0, 0, TimeSpan.Zero);
        var stated = await writer.WriteAsync(SampleReports.Version($"api/{year}/{Suffix}-stated.html", at),
            SampleReports.Report(Liwan, year, new Dictionary<string, decimal> { ["requests.new_received"] = 7 }, county: "荔湾区"), default);
        var unsigned = SampleReports.Report("", year, new Dictionary<string, decimal> { ["requests.new_received"] = 3 }) with
        {
            Agency = null,
            AgencyAsWritten = null,
            Title = $"{year}年政府信息公开工作年度报告",
            Problems = [new ReportProblem(ProblemCodes.AgencyMissing, "No agency name was found in the title, the text or the page.")],
        };
        var notStated = await writer.WriteAsync(SampleReports.Version($"api/{year}/{Suffix}-unsigned.html", at), unsigned, default);

        var agencies = await GetJsonAsync("/api/agencies?top=1000");
        Assert.DoesNotContain(Items(agencies), a => string.IsNullOrEmpty(a.GetProperty("agency").GetString()));
        var entry = agencies.GetProperty("authorNotStated");
        Assert.Equal(ProblemCodes.AgencyMissing, entry.GetProperty("problemCode").GetString());
        Assert.Contains("publisher", entry.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var link = entry.GetProperty("reports").GetString()!;
        Assert.Equal("/api/reports?agencyStated=false", link);

        // The emulator may keep earlier runs' reports of this year: check this run's two, and that the filter holds for all.
        var notStatedList = Items(await GetJsonAsync($"{link}&year={year}&top=1000"));
        Assert.Contains(notStated, notStatedList.Select(i => i.GetProperty("id").GetString()));
        Assert.All(notStatedList, i => Assert.False(i.TryGetProperty("agency", out var agency) && agency.ValueKind != JsonValueKind.Null));
        var statedList = Items(await GetJsonAsync($"/api/reports?agencyStated=true&year={year}&top=1000")).Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Contains(stated, statedList);
        Assert.DoesNotContain(notStated, statedList);
    }

    [Theory]
    [InlineData("/api/reports?year=21", "year")]
    [InlineData("/api/reports?year=abcd", "year")]
    [InlineData("/api/reports?top=0", "top")]
    [InlineData("/api/reports?top=1001", "top")]
    [InlineData("/api/reports?hasProblems=maybe", "hasProblems")]
    [InlineData("/api/reports?agencyStated=maybe", "agencyStated")]
    [InlineData("/api/reports?agency=%E7%94%B2&agencyStated=false", "agencyStated")]
    [InlineData("/api/reports?format=1999", "format")]
    [InlineData("/api/reports?yaer=2021", "yaer")]
    [InlineData("/api/reports?continuation=%21%21", "continuation")]
    [InlineData("/api/reports?agency=", "agency")]
    [InlineData("/api/agencies?top=-1", "top")]
    [InlineData("/api/metrics?format=xml", "format")]
    [InlineData("/api/metrics/requests.new_received", "year")]
    [InlineData("/api/metrics/requests.new_received?year=2061&order=up", "order")]
    [InlineData("/api/metrics/requests.new_received?year=2061&order=asc&continuation=abc", "continuation")]
    [InlineData("/api/health?verbose=1", "verbose")]
    public async Task Bad_parameters_are_400_problems_naming_the_parameter(string url, string parameter) =>
        await AssertProblemAsync(url, HttpStatusCode.BadRequest, parameter);

    [Fact]
    public async Task Unknown_routes_and_metrics_are_404_problems()
    {
        await AssertProblemAsync("/api/nothing-here", HttpStatusCode.NotFound, null);
        await AssertProblemAsync($"/api/metrics/no.such.key?year={Year}", HttpStatusCode.NotFound, null);
    }

    [Fact]
    public async Task Csv_is_utf8_with_bom_by_accept_header_or_format_parameter()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/metrics/requests.new_received?year={Year}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("rank,agency,province,city,county,year,key,value,unit,reportId", lines[0]);
        Assert.Equal($"1,{Nansha},广东省,广州市,南沙区,{Year},requests.new_received,300,requests,{NanshaId}", lines[1]);

        foreach (var url in new[] { $"/api/reports?year={Year}&format=csv", $"/api/reports/{LiwanId}?format=csv", "/api/agencies?format=csv",
                     "/api/metrics?format=csv", $"/api/agencies/{Uri.EscapeDataString(Liwan)}/metrics/requests.new_received?format=csv" })
        {
            using var csv = await Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
            Assert.Equal(0xEF, (await csv.Content.ReadAsByteArrayAsync())[0]);
        }
    }

    [Fact]
    public async Task Accept_text_csv_wins_over_a_report_format_filter_unless_format_json_asks_for_json()
    {
        using var filtered = await SendAsync($"/api/reports?year={Year}&format=2019", "text/csv");
        Assert.Equal("text/csv", filtered.Content.Headers.ContentType?.MediaType);
        var lines = CsvLines(await filtered.Content.ReadAsByteArrayAsync());
        Assert.Equal(ReportSummaryCsvHeader, lines[0]);
        Assert.Equal(Qingxin, Assert.Single(lines[1..]).Split(',')[1]);

        using var json = await SendAsync($"/api/reports?year={Year}&format=json", "text/csv");
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        using var jsonFirst = await SendAsync($"/api/reports?year={Year}&format=2019", "application/json, text/csv;q=0.5");
        Assert.Equal("application/json", jsonFirst.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/reports?year=2061&format=CSV", "text/csv")]
    [InlineData("/api/reports?year=2061&format=Csv", "text/csv")]
    [InlineData("/api/reports?year=2061&format=JSON", "application/json")]
    [InlineData("/api/agencies?format=CSV", "text/csv")]
    [InlineData("/api/metrics?format=CSV", "text/csv")]
    [InlineData("/api/metrics?format=Json", "application/json")]
    [InlineData("/api/metrics/requests.new_received?year=2061&format=CSV", "text/csv")]
    public async Task The_format_parameter_is_case_insensitive(string url, string mediaType)
    {
        using var response = await SendAsync(url, mediaType == "text/csv" ? "application/json" : "text/csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_report_by_id_takes_format_in_any_case_and_rejects_other_values()
    {
        using var csv = await SendAsync($"/api/reports/{LiwanId}?format=CSV", null);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("key,labelZh", CsvLines(await csv.Content.ReadAsByteArrayAsync())[0], StringComparison.Ordinal);
        await AssertProblemAsync($"/api/reports/{LiwanId}?format=xml", HttpStatusCode.BadRequest, "format");
    }

    [Fact]
    public async Task Csv_reports_page_through_the_link_header()
    {
        var ids = new List<string>();
        var url = $"/api/reports?year={Year}&top=1";
        var pages = 0;
        while (url is not null && pages++ < 10)
        {
            using var response = await SendAsync(url, "text/csv");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            var lines = CsvLines(await response.Content.ReadAsByteArrayAsync());
            ids.Add(Assert.Single(lines[1..]).Split(',')[0]);
            url = NextLink(response);
            if (url is not null)
            {
                Assert.StartsWith($"/api/reports?year={Year}&top=1&continuation=", url, StringComparison.Ordinal);
            }
        }
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal(3, ids.Count);
        Assert.Contains(LiwanId, ids);
    }

    [Fact]
    public async Task Json_pages_carry_the_link_header_and_the_continuation_field()
    {
        using var first = await SendAsync($"/api/reports?year={Year}&top=2&region={Uri.EscapeDataString("广东省")}", null);
        var body = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        var continuation = body.GetProperty("continuation").GetString();
        Assert.NotNull(continuation);
        Assert.Equal($"/api/reports?year={Year}&top=2&region={Uri.EscapeDataString("广东省")}&continuation={Uri.EscapeDataString(continuation)}", NextLink(first));

        // Served again (from the response cache within its duration): the header comes with it.
        using var again = await SendAsync($"/api/reports?year={Year}&top=2&region={Uri.EscapeDataString("广东省")}", null);
        Assert.Equal(NextLink(first), NextLink(again));

        using var last = await SendAsync(NextLink(first)!, null);
        var lastBody = JsonDocument.Parse(await last.Content.ReadAsStringAsync()).RootElement;
        Assert.Single(Items(lastBody));
        Assert.Equal(JsonValueKind.Null, lastBody.GetProperty("continuation").ValueKind);
        Assert.Null(NextLink(last));
    }

    [Fact]
    public async Task Csv_rankings_and_agencies_page_through_the_link_header()
    {
        using var page1 = await SendAsync($"/api/metrics/requests.new_received?year={Year}&top=2&format=csv", null);
        Assert.Equal(3, CsvLines(await page1.Content.ReadAsByteArrayAsync()).Length);
        var next = NextLink(page1);
        Assert.NotNull(next);
        Assert.Contains("format=csv", next, StringComparison.Ordinal);
        using var page2 = await SendAsync(next, null);
        var last = Assert.Single(CsvLines(await page2.Content.ReadAsByteArrayAsync())[1..]);
        Assert.StartsWith("3,", last, StringComparison.Ordinal);
        Assert.Null(NextLink(page2));

        using var agencies = await SendAsync($"/api/agencies?region={Uri.EscapeDataString("广州市")}&top=1&format=csv", null);
        Assert.Single(CsvLines(await agencies.Content.ReadAsByteArrayAsync())[1..]);
        var agenciesNext = NextLink(agencies);
        Assert.NotNull(agenciesNext);
        using var agencies2 = await SendAsync(agenciesNext, null);
        Assert.Equal(HttpStatusCode.OK, agencies2.StatusCode);
        Assert.Single(CsvLines(await agencies2.Content.ReadAsByteArrayAsync())[1..]);
    }

    [Fact]
    public async Task Head_answers_like_get_without_a_body_and_leaves_the_get_body_in_the_cache()
    {
        // An Accept value no other test sends: the HEAD is the first request for this answer, so it fills the cache.
        const string accept = "application/json, application/*;q=0.2";
        using var head = await SendAsync($"/api/reports/{LiwanId}", accept, HttpMethod.Head);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("application/json", head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        var length = head.Content.Headers.ContentLength;
        Assert.True(length > 0, $"HEAD gave Content-Length {length}");

        using var get = await SendAsync($"/api/reports/{LiwanId}", accept);
        var body = await get.Content.ReadAsByteArrayAsync();
        Assert.Equal(length, body.Length);
        Assert.Equal(Liwan, JsonDocument.Parse(body).RootElement.GetProperty("agency").GetString());

        using var csv = await SendAsync($"/api/metrics/requests.new_received?year={Year}&top=2", "text/csv;q=0.9", HttpMethod.Head);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await csv.Content.ReadAsByteArrayAsync());
        Assert.NotNull(NextLink(csv));
        using var csvGet = await SendAsync($"/api/metrics/requests.new_received?year={Year}&top=2", "text/csv;q=0.9");
        Assert.Equal(3, CsvLines(await csvGet.Content.ReadAsByteArrayAsync()).Length);

        foreach (var url in new[] { "/api/openapi.json", "/api/health", "/api/metrics" })
        {
            using var response = await SendAsync(url, null, HttpMethod.Head);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        }
        using var missing = await SendAsync("/api/reports/2061-0000000000000000", null, HttpMethod.Head);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Csv_and_json_answers_of_one_url_never_share_a_cache_entry()
    {
        // Within the cache duration, one after the other: each answer in the format its request chose.
        var url = $"/api/reports?year={Year}&format=2021&top=5";
        foreach (var (accept, mediaType) in new[] { ("application/json", "application/json"), ("text/csv", "text/csv"), (null, "application/json"), ("text/csv", "text/csv") })
        {
            using var response = await SendAsync(url, accept);
            Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(mediaType == "text/csv", body[0] == 0xEF);
        }
        using var head = await SendAsync(url, "text/csv", HttpMethod.Head);
        Assert.Equal("text/csv", head.Content.Headers.ContentType?.MediaType);
        using var json = await SendAsync(url, "application/json");
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement.GetProperty("items").ValueKind);
    }

    [Theory]
    [InlineData("POST", "/api/reports")]
    [InlineData("DELETE", "/api/reports")]
    [InlineData("OPTIONS", "/api/reports")]
    [InlineData("PUT", "/api/reports/2061-0000000000000000")]
    [InlineData("PATCH", "/api/agencies/x/metrics/requests.new_received")]
    [InlineData("POST", "/api/openapi.json")]
    [InlineData("DELETE", "/api/health")]
    public async Task Other_methods_on_a_route_are_405_problems_with_an_allow_header(string method, string url)
    {
        using var response = await SendAsync(url, null, new HttpMethod(method));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.MethodNotAllowed, $"{method} {url} → {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(405, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Any_method_on_an_unknown_route_is_a_404_problem()
    {
        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Get, HttpMethod.Head })
        {
            using var response = await SendAsync("/api/nothing-here.txt", null, method);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Empty(response.Content.Headers.Allow);
        }
    }

    [Fact]
    public async Task Health_reports_storage_and_counters()
    {
        var health = await GetJsonAsync("/api/health");
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.True(health.GetProperty("storage").GetProperty("reachable").GetBoolean());
        Assert.Equal(JsonValueKind.Object, health.GetProperty("functions").ValueKind);
    }

    [Fact]
    public async Task OpenApi_document_describes_every_route()
    {
        var document = await GetJsonAsync("/api/openapi.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[] { "/api/reports", "/api/reports/{id}", "/api/agencies", "/api/metrics", "/api/metrics/{key}", "/api/agencies/{agency}/metrics/{key}", "/api/health" })
        {
            Assert.Contains(path, paths);
        }
        var parameters = document.GetProperty("paths").GetProperty("/api/reports").GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString());
        Assert.Contains("hasProblems", parameters);
        Assert.Contains("agencyStated", parameters);
    }

    [Theory]
    [InlineData("/api/reports", "ListDtoOfReportSummaryDto", true, false)]
    [InlineData("/api/reports/{id}", "ReportDto", false, true)]
    [InlineData("/api/agencies", "AgencyListDto", true, false)]
    [InlineData("/api/metrics", "ListDtoOfMetricDefinitionDto", false, false)]
    [InlineData("/api/metrics/{key}", "RankingDto", true, true)]
    [InlineData("/api/agencies/{agency}/metrics/{key}", "AgencyMetricDto", false, true)]
    public async Task OpenApi_document_has_json_schemas_csv_and_problem_responses(string path, string schema, bool paged, bool notFound)
    {
        var document = await GetJsonAsync("/api/openapi.json");
        var get = document.GetProperty("paths").GetProperty(path).GetProperty("get");
        var responses = get.GetProperty("responses");
        var ok = responses.GetProperty("200");
        Assert.Equal($"#/components/schemas/{schema}", ok.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.True(document.GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("properties").EnumerateObject().Any());
        var csv = ok.GetProperty("content").GetProperty("text/csv").GetProperty("schema");
        Assert.Equal("string", csv.GetProperty("type").GetString());
        Assert.Contains("Header row: ", csv.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(paged, ok.TryGetProperty("headers", out var headers) && headers.TryGetProperty("Link", out _));

        var statuses = new List<string> { "400", "503" };
        if (notFound)
        {
            statuses.Add("404");
        }
        foreach (var status in statuses)
        {
            var problem = responses.GetProperty(status).GetProperty("content").GetProperty("application/problem+json").GetProperty("schema");
            Assert.Equal("#/components/schemas/ProblemDetails", problem.GetProperty("$ref").GetString());
        }
        Assert.Equal(notFound, responses.TryGetProperty("404", out _));
        var names = get.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains("format", names);
    }

    [Fact]
    public async Task OpenApi_document_describes_health_without_csv()
    {
        var document = await GetJsonAsync("/api/openapi.json");
        var responses = document.GetProperty("paths").GetProperty("/api/health").GetProperty("get").GetProperty("responses");
        foreach (var status in new[] { "200", "503" })
        {
            var content = responses.GetProperty(status).GetProperty("content");
            Assert.Equal("#/components/schemas/HealthDto", content.GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
            Assert.False(content.TryGetProperty("text/csv", out _));
        }
        Assert.True(responses.GetProperty("400").GetProperty("content").TryGetProperty("application/problem+json", out _));
        var health = document.GetProperty("components").GetProperty("schemas").GetProperty("HealthDto").GetProperty("properties");
        Assert.True(health.TryGetProperty("storage", out _));
    }

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        using var response = await Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url} → {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task AssertProblemAsync(string url, HttpStatusCode status, string? parameter)
    {
        using var response = await Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{url} → {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        if (parameter is not null)
        {
            Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        }
    }

    private const string ReportSummaryCsvHeader = "id,agency,province,city,county,year,format,title,publishedOn,portalId,sourceUrl,parserVersion,figures,problems";

    private async Task<HttpResponseMessage> SendAsync(string url, string? accept, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, url);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
        return await Client.SendAsync(request);
    }

    /// <summary>The target of the response's <c>Link: &lt;…&gt;; rel="next"</c> header, or null.</summary>
    private static string? NextLink(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var links))
        {
            return null;
        }
        var next = Assert.Single(links, l => l.EndsWith("; rel=\"next\"", StringComparison.Ordinal));
        Assert.StartsWith("<", next, StringComparison.Ordinal);
        return next[1..next.IndexOf('>', StringComparison.Ordinal)];
    }

    private static string[] CsvLines(byte[] body)
    {
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, body[..3]);
        return Encoding.UTF8.GetString(body[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    private static List<JsonElement> Items(JsonElement body) => [.. body.GetProperty("items").EnumerateArray()];
}
