using System.Diagnostics;
using System.Globalization;
using Gongkai.Functions.Hosting;
using Gongkai.Functions.Records;
using Gongkai.Reports;
using Gongkai.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Bench;

/// <summary>
/// Query latency on loopback with 10,000 reports stored: 100 concurrent clients calling <c>/api/reports/{id}</c>
/// (record + parsed JSON) and <c>/api/metrics/{key}?year=</c> (one ranking range scan). Target: p99 under 50 ms.
/// </summary>
public static class QueryBenchmark
{
    private const int Concurrency = 100;
    private static readonly string[] Keys = ["requests.new_received", "requests.granted", "requests.processed_total", "proactive.total_items", "reconsideration.total", "litigation.total"];

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var reports = EndToEndBenchmark.Argument(args, "--reports", 10_000);
        var requests = EndToEndBenchmark.Argument(args, "--requests", 5_000);
        await using var azurite = await AzuriteServer.StartAsync(cancellationToken);
        var app = GongkaiHost.Build(new HostSettings
        {
            Port = 0,
            Triggers = false,
            Overrides = new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = azurite.ConnectionString,
                ["Gongkai:Harvest:ContactUrl"] = "https://example.org/gongkai-bench",
                ["Logging:LogLevel:Default"] = "Warning",
            },
        });
        await using (app)
        {
            await app.StartAsync(cancellationToken);
            var ids = await SeedAsync(app.Services.GetRequiredService<ReportRecordWriter>(), reports, cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency }) { BaseAddress = new Uri(address) };

            var byId = await MeasureAsync(client, requests, i => $"/api/reports/{ids[(i * 7919) % ids.Count]}", cancellationToken);
            var byMetric = await MeasureAsync(client, requests, i => $"/api/metrics/{Keys[i % Keys.Length]}?year={2015 + (i % 10)}&top=50", cancellationToken);
            Report($"/api/reports/{{id}}", byId);
            Report("/api/metrics/{key}?year=&top=50", byMetric);
            await app.StopAsync(CancellationToken.None);
            return byId.P99 < 50 && byMetric.P99 < 50 ? 0 : 1;
        }
    }

    /// <summary>Writes the reports through the real writer (record, index rows, parsed JSON), 16 at a time.</summary>
    private static async Task<List<string>> SeedAsync(ReportRecordWriter writer, int count, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var ids = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var year = 2015 + (i % 10);
            var agency = string.Create(CultureInfo.InvariantCulture, $"基准市第{i / 10}区人民政府");
            var metrics = Keys.Select((k, j) => new ReportMetric(k, (i * 31 + j * 17) % 5000, new MetricProvenance { Kind = "table", Table = 3, Row = j, Column = 9 }))
                .ToDictionary(m => m.Key);
            var report = new ParsedReport
            {
                Agency = agency,
                Region = new ReportRegion("基准省", "基准市", string.Create(CultureInfo.InvariantCulture, $"第{i / 10}区")),
                ReportYear = year,
                Format = ReportFormats.Format2021,
                Title = $"{agency}{year}年政府信息公开工作年度报告",
                Text = new string('文', 4000),
                Sections = [new ReportSection("overview", "一、总体情况", 0, 2000)],
                Metrics = metrics,
            };
            var version = new ReportVersion { Blob = $"bench/{year}/{i:D6}.html", ETag = "\"1\"", PortalId = "bench", SourceUrl = $"http://127.0.0.1/{i}.html", FetchedAt = DateTimeOffset.UnixEpoch.AddDays(i) };
            ids[i] = await writer.WriteAsync(version, report, ct);
            if (i % 1000 == 999)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  seeded {i + 1} reports ({clock.Elapsed.TotalSeconds:0} s)"));
            }
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {count} reports in {clock.Elapsed.TotalSeconds:0.0} s"));
        return [.. ids];
    }

    private static async Task<Latency> MeasureAsync(HttpClient client, int requests, Func<int, string> url, CancellationToken cancellationToken)
    {
        // Warm-up: connections, JIT, the tables' first reads.
        for (var i = 0; i < 200; i++)
        {
            using var warm = await client.GetAsync(url(i), cancellationToken);
        }
        var timings = new double[requests];
        var failures = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(url(i), HttpCompletionOption.ResponseContentRead, cancellationToken);
                timings[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));
        Array.Sort(timings);
        return new Latency(timings[requests / 2], timings[(int)(requests * 0.99)], requests / clock.Elapsed.TotalSeconds, failures);
    }

    private static void Report(string route, Latency latency) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{route,-36} p50 {latency.P50,6:0.0} ms  p99 {latency.P99,6:0.0} ms  {latency.PerSecond,6:0} req/s  {latency.Failures} failures (100 concurrent; target p99 < 50 ms)"));

    private sealed record Latency(double P50, double P99, double PerSecond, int Failures);
}
