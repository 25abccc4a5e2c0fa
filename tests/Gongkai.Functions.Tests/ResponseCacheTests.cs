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
