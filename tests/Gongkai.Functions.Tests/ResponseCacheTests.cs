using System.Net;
using System.Text.Json;
using Gongkai.Functions.Records;
using Gongkai.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Functions.Tests;

/// <summary>
/// The API's response cache never answers from before a write made through the same process, and answers at most
/// <c>Gongkai:Api:CacheDuration</c> old after another instance's write.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class ResponseCacheTests(PipelineStorage storage)
{
    private static readonly DateTimeOffset Fetched = new(2073, 1, 20, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_write_through_the_same_process_is_served_by_the_next_request()
    {
        const int year = 2071;
        await using var host = await RunningHost.StartAsync(storage, settings: new Dictionary<string, string?> { ["Gongkai:Api:CacheDuration"] = "00:10:00" });
        var writer = host.Services.GetRequiredService<ReportRecordWriter>();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var blob = $"cache/{year}/{suffix}-a.html";

        var id = await writer.WriteAsync(SampleReports.Version(blob, Fetched), SampleReports.Report("甲区人民政府" + suffix, year, Figures(10)), default);
        var ranking = $"/api/metrics/requests.new_received?year={year}";
        Assert.Equal([10m], await ValuesAsync(host, ranking));
        Assert.Equal([10m], await ValuesAsync(host, ranking));
        Assert.Equal(10m, await ReportValueAsync(host, id));

        await writer.WriteAsync(SampleReports.Version($"cache/{year}/{suffix}-b.html", Fetched), SampleReports.Report("乙区人民政府" + suffix, year, Figures(20)), default);
        Assert.Equal([20m, 10m], await ValuesAsync(host, ranking));

        // A reparse of the same blob that reads another figure: the report itself is not served from before it either.
        await writer.WriteAsync(SampleReports.Version(blob, Fetched), SampleReports.Report("甲区人民政府" + suffix, year, Figures(30)), default);
        Assert.Equal(30m, await ReportValueAsync(host, id));
        Assert.Equal([30m, 20m], await ValuesAsync(host, ranking));
    }

    [Fact]
    public async Task Another_instance_s_write_is_served_once_the_cache_duration_has_passed()
    {
        const int year = 2072;
        var clock = new ManualClock();
        await using var writing = await RunningHost.StartAsync(storage);
        await using var reading = await RunningHost.StartAsync(storage, settings: new Dictionary<string, string?> { ["Gongkai:Api:CacheDuration"] = "00:00:30" },
            configureServices: services => services.AddSingleton<TimeProvider>(clock));
        var writer = writing.Services.GetRequiredService<ReportRecordWriter>();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var ranking = $"/api/metrics/requests.new_received?year={year}";

        await writer.WriteAsync(SampleReports.Version($"cache/{year}/{suffix}-a.html", Fetched), SampleReports.Report("丙区人民政府" + suffix, year, Figures(5)), default);
        Assert.Equal([5m], await ValuesAsync(reading, ranking));

        await writer.WriteAsync(SampleReports.Version($"cache/{year}/{suffix}-b.html", Fetched), SampleReports.Report("丁区人民政府" + suffix, year, Figures(7)), default);
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal([5m], await ValuesAsync(reading, ranking)); // within the cache duration: the answer the reader already had
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal([7m, 5m], await ValuesAsync(reading, ranking));
        Assert.Equal([7m, 5m], await ValuesAsync(writing, ranking));
    }

    [Fact]
    public async Task A_zero_cache_duration_reads_storage_every_time()
    {
        const int year = 2074;
        await using var writing = await RunningHost.StartAsync(storage);
        await using var reading = await RunningHost.StartAsync(storage, settings: new Dictionary<string, string?> { ["Gongkai:Api:CacheDuration"] = "00:00:00" });
        var writer = writing.Services.GetRequiredService<ReportRecordWriter>();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var ranking = $"/api/metrics/requests.new_received?year={year}";

        await writer.WriteAsync(SampleReports.Version($"cache/{year}/{suffix}-a.html", Fetched), SampleReports.Report("戊区人民政府" + suffix, year, Figures(1)), default);
        Assert.Equal([1m], await ValuesAsync(reading, ranking));
        await writer.WriteAsync(SampleReports.Version($"cache/{year}/{suffix}-b.html", Fetched), SampleReports.Report("己区人民政府" + suffix, year, Figures(2)), default);
        Assert.Equal([2m, 1m], await ValuesAsync(reading, ranking));
    }

    [Fact]
    public async Task A_cached_answer_is_byte_for_byte_the_first_one_and_errors_are_never_cached()
    {
        const int year = 2075;
        await using var host = await RunningHost.StartAsync(storage, settings: new Dictionary<string, string?> { ["Gongkai:Api:CacheDuration"] = "00:10:00" });
        var writer = host.Services.GetRequiredService<ReportRecordWriter>();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await writer.WriteAsync(SampleReports.Version($"cache/{year}/{suffix}-a.html", Fetched), SampleReports.Report("庚区人民政府" + suffix, year, Figures(3)), default);

        foreach (var (url, accept) in new[] { ($"/api/metrics/requests.new_received?year={year}&format=csv", (string?)null), ($"/api/metrics/requests.new_received?year={year}", "text/csv"), ($"/api/metrics/requests.new_received?year={year}", null) })
        {
            var first = await SendAsync(host, url, accept);
            var second = await SendAsync(host, url, accept);
            Assert.Equal(HttpStatusCode.OK, first.Status);
            Assert.Equal(first, second); // status and headers
            Assert.Equal(first.Body, second.Body);
        }
        var csv = await SendAsync(host, $"/api/metrics/requests.new_received?year={year}", "text/csv");
        Assert.Equal("text/csv; charset=utf-8", csv.ContentType);
        Assert.Equal([0xEF, 0xBB, 0xBF], csv.Body[..3]);
        Assert.Equal("application/json; charset=utf-8", (await SendAsync(host, $"/api/metrics/requests.new_received?year={year}", null)).ContentType);

        for (var i = 0; i < 2; i++)
        {
            var bad = await SendAsync(host, "/api/metrics/requests.new_received?yaer=2075", null);
            Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
            Assert.Equal("application/problem+json", bad.ContentType);
        }
    }

    [Fact]
    public async Task Concurrent_requests_for_one_answer_all_get_it()
    {
        const int year = 2076;
        await using var host = await RunningHost.StartAsync(storage, settings: new Dictionary<string, string?> { ["Gongkai:Api:CacheDuration"] = "00:10:00" });
        var writer = host.Services.GetRequiredService<ReportRecordWriter>();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await writer.WriteAsync(SampleReports.Version($"cache/{year}/{suffix}-a.html", Fetched), SampleReports.Report("辛区人民政府" + suffix, year, Figures(9)), default);

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => SendAsync(host, $"/api/metrics/requests.new_received?year={year}&format=csv", null)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Single(answers.Select(a => Convert.ToBase64String(a.Body)).Distinct());
        Assert.Contains("辛区人民政府" + suffix, System.Text.Encoding.UTF8.GetString(answers[0].Body), StringComparison.Ordinal);
    }

    private sealed record Answer(HttpStatusCode Status, string? ContentType, string? Disposition, byte[] Body)
    {
        public bool Equals(Answer? other) => other is not null && Status == other.Status && ContentType == other.ContentType && Disposition == other.Disposition;

        public override int GetHashCode() => HashCode.Combine(Status, ContentType, Disposition);
    }

    private static async Task<Answer> SendAsync(RunningHost host, string url, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }
        using var response = await host.Client.SendAsync(request);
        return new Answer(response.StatusCode, response.Content.Headers.ContentType?.ToString(), response.Content.Headers.ContentDisposition?.ToString(),
            await response.Content.ReadAsByteArrayAsync());
    }

    private static Dictionary<string, decimal> Figures(decimal newReceived) => new() { ["requests.new_received"] = newReceived };

    private static async Task<List<decimal>> ValuesAsync(RunningHost host, string url) =>
        [.. (await GetJsonAsync(host, url)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("value").GetDecimal())];

    private static async Task<decimal> ReportValueAsync(RunningHost host, string id) =>
        (await GetJsonAsync(host, "/api/reports/" + id)).GetProperty("metrics").EnumerateArray()
            .Single(m => m.GetProperty("key").GetString() == "requests.new_received").GetProperty("value").GetDecimal();

    private static async Task<JsonElement> GetJsonAsync(RunningHost host, string url)
    {
        using var response = await host.Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url} → {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>A clock the test moves by hand, so that expiry is checked without waiting.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
