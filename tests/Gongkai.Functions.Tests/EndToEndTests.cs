using System.Net;
using System.Text.Json;
using Gongkai.Functions.LocalHost;
using Gongkai.Functions.Tests.Infrastructure;
using Gongkai.Harvest.Stores;
using Gongkai.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Functions.Tests;

/// <summary>
/// The whole pipeline in process: sample portal → timer → harvest-requests → crawler → raw-reports → blob trigger →
/// parser → tables → HTTP API, the function classes driven by the local host, then every figure checked through the API.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class EndToEndTests(PipelineStorage storage) : IAsyncLifetime
{
    private static readonly TimeSpan Settle = TimeSpan.FromMinutes(2);
    private Harvested _run = null!;

    public async Task InitializeAsync() => _run = await storage.SharedAsync(nameof(EndToEndTests), () => HarvestAsync(storage));

    public Task DisposeAsync() => Task.CompletedTask;

    /// <param name="Triggers">What the harvesting host's trigger driver did.</param>
    /// <param name="Host">A host without triggers serving the API afterwards (the collection's other tests share the emulator).</param>
    private sealed record Harvested(SamplePipeline Sample, LocalTriggerStatus Triggers, RunningHost Host) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            await Sample.DisposeAsync();
        }
    }

    private static async Task<Harvested> HarvestAsync(PipelineStorage storage)
    {
        var sample = await SamplePipeline.StartAsync();
        LocalTriggerStatus triggers;
        await using (var harvesting = await RunningHost.StartAsync(storage, triggers: true, runNow: true, settings: sample.Settings()))
        {
            using var timeout = new CancellationTokenSource(Settle);
            await harvesting.Triggers.WaitForQuiescenceAsync(TimeSpan.FromMilliseconds(100), timeout.Token);
            triggers = harvesting.Triggers;
        }
        return new Harvested(sample, triggers, await RunningHost.StartAsync(storage, settings: sample.Settings()));
    }

    public static TheoryData<string> Reports()
    {
        var data = new TheoryData<string>();
        foreach (var report in ExpectedReports())
        {
            data.Add(report.GetProperty("id").GetString()!);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public async Task Every_sample_report_is_served_with_its_exact_figures(string sampleId)
    {
        var expected = ExpectedReports().Single(r => r.GetProperty("id").GetString() == sampleId);
        var agency = expected.GetProperty("agency").GetString()!;
        var year = expected.GetProperty("year").GetInt32();

        var list = await GetJsonAsync($"/api/reports?agency={Uri.EscapeDataString(agency)}&year={year}");
        var summary = Assert.Single(list.GetProperty("items").EnumerateArray());
        var report = await GetJsonAsync("/api/reports/" + summary.GetProperty("id").GetString());

        Assert.Equal(agency, report.GetProperty("agency").GetString());
        Assert.Equal(year, report.GetProperty("year").GetInt32());
        // The source link is the page as served (after redirects); the link the listing gave is kept beside it.
        var source = report.GetProperty("source");
        var served = source.TryGetProperty("finalUrl", out var final) ? final.GetString() : source.GetProperty("url").GetString();
        Assert.Equal(_run.Sample.Portal.Url(expected.GetProperty("url").GetString()!).AbsoluteUri, served);

        var figures = report.GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("key").GetString()!, m => m.GetProperty("value").GetDecimal());
        var expectedFigures = expected.GetProperty("metrics").EnumerateObject().ToDictionary(m => m.Name, m => m.Value.GetDecimal());
        // Every figure written into the page is served, with exactly its value.
        var problems = expectedFigures
            .Select(e => figures.TryGetValue(e.Key, out var figure)
                ? figure == e.Value ? null : $"{e.Key}: expected {e.Value}, served {figure}"
                : $"{e.Key}: expected {e.Value}, not served")
            .OfType<string>()
            .ToList();
        Assert.True(problems.Count == 0, $"{sampleId}:\n{string.Join('\n', problems)}");
    }

    [Fact]
    public async Task Every_report_page_was_parsed_once_and_the_pipeline_recorded_no_failure()
    {
        var status = _run.Triggers;
        Assert.Equal(1, status.TimerRuns);
        Assert.Equal(1, status.MessagesSucceeded);
        Assert.Equal(0, status.MessagesPoisoned);
        // Other tests of the collection leave their own blobs (some unparseable on purpose) in the emulator's
        // raw-reports, and this host's blob scan sees them too: count this portal's blobs only.
        Assert.DoesNotContain(status.FailedBlobs, b => b.StartsWith("sample-qingshi/", StringComparison.Ordinal));
        var parsed = status.Parses.Where(p => p.GetProperty("status").GetString() == "parsed"
            && p.GetProperty("blob").GetString()!.StartsWith("sample-qingshi/", StringComparison.Ordinal)).ToList();
        Assert.Equal(ExpectedReports().Count, parsed.Count);
        Assert.Equal(parsed.Count, parsed.Select(p => p.GetProperty("blob").GetString()).Distinct().Count());

        var list = await GetJsonAsync("/api/reports?top=1000");
        Assert.Equal(ExpectedReports().Count, list.GetProperty("items").EnumerateArray().Count(r => r.GetProperty("portalId").GetString() == "sample-qingshi"));
    }

    [Fact]
    public async Task A_metric_ranks_the_sample_agencies_and_follows_an_agency_over_years()
    {
        var expected = ExpectedReports().Where(r => r.GetProperty("year").GetInt32() == 2023)
            .Select(r => (Agency: r.GetProperty("agency").GetString(), Value: r.GetProperty("metrics").GetProperty("requests.new_received").GetDecimal()))
            .OrderByDescending(r => r.Value).ToList();
        var ranking = await GetJsonAsync("/api/metrics/requests.new_received?year=2023&top=1000");
        // Other tests of the collection record 2023 reports of their own agencies in the same storage: rank the sample's among them.
        var sampleAgencies = expected.Select(e => e.Agency).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(expected, ranking.GetProperty("items").EnumerateArray()
            .Select(i => (Agency: i.GetProperty("agency").GetString(), Value: i.GetProperty("value").GetDecimal()))
            .Where(i => sampleAgencies.Contains(i.Agency!)));

        var gov = "东江市青石区人民政府";
        var overYears = await GetJsonAsync($"/api/agencies/{Uri.EscapeDataString(gov)}/metrics/requests.new_received");
        var years = ExpectedReports().Where(r => r.GetProperty("agency").GetString() == gov && r.GetProperty("metrics").TryGetProperty("requests.new_received", out _))
            .Select(r => (r.GetProperty("year").GetInt32(), r.GetProperty("metrics").GetProperty("requests.new_received").GetDecimal())).OrderBy(r => r.Item1).ToList();
        Assert.Equal(years, overYears.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("year").GetInt32(), i.GetProperty("value").GetDecimal())));
    }

    [Fact]
    public async Task The_http_trigger_accepts_the_function_key_parameter_azure_adds()
    {
        using var response = await _run.Host.Client.GetAsync("/api/metrics?code=any-function-key");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        using var response = await _run.Host.Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url} → {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static List<JsonElement> ExpectedReports() =>
        [.. JsonDocument.Parse(File.ReadAllText(SamplePipeline.ExpectedFile)).RootElement.GetProperty("reports").EnumerateArray().Select(r => r.Clone())];
}
