using System.Diagnostics;
using System.Globalization;
using Gongkai.Functions.Hosting;
using Gongkai.Functions.Records;
using Gongkai.Harvest.SamplePortal;
using Gongkai.Reports;
using Gongkai.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Bench;

/// <summary>
/// Query latency on loopback with 10,000 reports stored: 100 concurrent clients calling <c>/api/reports/{id}</c>
/// (record + parsed JSON) and <c>/api/metrics/{key}?year=</c> (one ranking range scan), with the API's response cache
/// off and on in the same run. Target: p99 under 50 ms.
/// </summary>
/// <remarks>
/// The reports are the sample portal's real pages, parsed once, then written through the real record writer under
/// 1,000 agencies × 10 years. Each keeps the headline figures below (a real report has ~100; 10,000 × 100 × 2 index
/// rows would not fit Azurite's in-memory store, whose queries scan a whole table).
/// </remarks>
public static class QueryBenchmark
{
    private static readonly string[] Keys =
    [
        "requests.new_received", "requests.granted", "requests.processed_total", "requests.denied_total", "requests.partially_granted",
        "proactive.normative_docs.issued", "reconsideration.total", "litigation.total", "requests.not_exist", "fees.amount_yuan",
    ];

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var reports = EndToEndBenchmark.Argument(args, "--reports", 10_000);
        var cachedRequests = EndToEndBenchmark.Argument(args, "--requests", 5_000);
        // Uncached, every request is a storage round trip to an emulator that scans whole tables: fewer keep the run short.
        var uncachedRequests = EndToEndBenchmark.Argument(args, "--uncached-requests", 1_000);
        var concurrency = EndToEndBenchmark.Argument(args, "--concurrency", 100);
        var seedParallelism = EndToEndBenchmark.Argument(args, "--seed-parallelism", 32);
        var timeout = TimeSpan.FromSeconds(EndToEndBenchmark.Argument(args, "--timeout-seconds", 10));

        await using var azurite = await AzuriteServer.StartAsync(cancellationToken);
        var results = new List<(string Route, bool Cached, Latency Latency)>();
        List<string> ids = [];
        foreach (var cached in new[] { false, true })
        {
            var app = GongkaiHost.Build(new HostSettings
            {
                Port = 0,
                Triggers = false,
                Overrides = new Dictionary<string, string?>
                {
                    ["AzureWebJobsStorage"] = azurite.ConnectionString,
                    ["Gongkai:Harvest:ContactUrl"] = "https://example.org/gongkai-bench",
                    ["Gongkai:Api:CacheDuration"] = cached ? "00:00:05" : "00:00:00",
                    ["Logging:LogLevel:Default"] = "Warning",
                    // Storage timeouts under overload are counted as errors below; their stack traces would bury the figures.
                    ["Logging:LogLevel:Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware"] = "None",
                },
            });
            var requests = cached ? cachedRequests : uncachedRequests;
            await using (app)
            {
                await app.StartAsync(cancellationToken);
                if (ids.Count == 0)
                {
                    using var meter = new StorageRequestMeter();
                    ids = await SeedAsync(app.Services.GetRequiredService<ReportRecordWriter>(), reports, seedParallelism, cancellationToken);
                    meter.Print(Console.Out, reports, "report");
                }
                var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
                using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
                {
                    BaseAddress = new Uri(address),
                    Timeout = timeout,
                };
                var byIdIds = ids;
                using var meter2 = new StorageRequestMeter();
                var byId = await MeasureAsync(client, requests, concurrency, i => $"/api/reports/{byIdIds[(int)((i * 7919L) % byIdIds.Count)]}", cancellationToken);
                var byMetric = await MeasureAsync(client, requests, concurrency, i => $"/api/metrics/{Keys[i % Keys.Length]}?year={2015 + (i / Keys.Length % 10)}&top=50", cancellationToken);
                meter2.Print(Console.Out, 2 * (requests + Math.Min(requests, concurrency * 2)), "request");
                results.Add(("/api/reports/{id}", cached, byId));
                results.Add(("/api/metrics/{key}?year=&top=50", cached, byMetric));
                await app.StopAsync(CancellationToken.None);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{uncachedRequests} (cache off) / {cachedRequests} (cache on) requests per route, {concurrency} concurrent, {reports} reports stored, load average {LoadAverage()}; target p99 < 50 ms"));
        foreach (var (route, cached, latency) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{route,-34} cache {(cached ? "on " : "off")}  p50 {latency.P50,7:0.0}  p90 {latency.P90,7:0.0}  p99 {latency.P99,7:0.0}  max {latency.Max,7:0.0} ms  {latency.PerSecond,6:0} req/s  {latency.Errors} errors, {latency.Timeouts} timeouts"));
        }
        return results.Where(r => r.Cached).All(r => r.Latency.P99 < 50 && r.Latency.Errors + r.Latency.Timeouts == 0) ? 0 : 1;
    }

    /// <summary>
    /// Parses the sample portal's report pages once, then writes <paramref name="count"/> reports from them through the
    /// real writer (parsed JSON, record, index rows), <paramref name="parallelism"/> at a time.
    /// </summary>
    private static async Task<List<string>> SeedAsync(ReportRecordWriter writer, int count, int parallelism, CancellationToken cancellationToken)
    {
        var parser = new ReportParser();
        var site = SampleSite.LoadEmbedded();
        var templates = site.Files
            .Where(f => f.Key.Contains("/t20", StringComparison.Ordinal) && f.Value.ContentType.StartsWith("text/html", StringComparison.Ordinal))
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => parser.Parse(new ReportSource(f.Value.Content) { ContentType = f.Value.ContentType, FileName = Path.GetFileName(f.Key) }))
            .Where(p => p.Metrics.Count > 0)
            .Select(p => p with { Metrics = p.Metrics.Where(m => Keys.Contains(m.Key)).ToDictionary() })
            .ToList();
        if (templates.Count == 0)
        {
            throw new InvalidOperationException("No sample report parsed with figures; nothing to seed from.");
        }

        var clock = Stopwatch.StartNew();
        var ids = new string[count];
        var done = 0;
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var year = 2015 + (i % 10);
            var district = string.Create(CultureInfo.InvariantCulture, $"第{i / 10}区");
            var agency = $"基准市{district}人民政府";
            var template = templates[i % templates.Count];
            // Distinct figures per agency, so that rankings have a real order to keep.
            var metrics = template.Metrics.Values.Select((m, j) => m with { Value = m.Value + ((i * 31 + j * 17) % 5000) }).ToDictionary(m => m.Key);
            var report = template with
            {
                Agency = agency,
                AgencyAsWritten = agency,
                Region = new ReportRegion("基准省", "基准市", district),
                ReportYear = year,
                Title = $"{agency}{year}年政府信息公开工作年度报告",
                Metrics = metrics,
            };
            var version = new ReportVersion
            {
                Blob = string.Create(CultureInfo.InvariantCulture, $"bench/{year}/{i:D6}.html"),
                ETag = "\"1\"",
                PortalId = "bench",
                SourceUrl = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1/{i}.html"),
                FetchedAt = DateTimeOffset.UnixEpoch.AddDays(i),
                ContentType = "text/html; charset=utf-8",
            };
            ids[i] = await writer.WriteAsync(version, report, ct);
            if (Interlocked.Increment(ref done) % 1000 == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  seeded {done} reports ({clock.Elapsed.TotalSeconds:0} s)"));
            }
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seeded {count} reports ({templates.Count} parsed templates, {templates.Average(t => t.Metrics.Count):0.#} figures each) through the record writer in {clock.Elapsed.TotalSeconds:0.0} s = {count / clock.Elapsed.TotalSeconds:0} reports/s ({parallelism} at a time)"));
        return [.. ids];
    }

    private static async Task<Latency> MeasureAsync(HttpClient client, int requests, int concurrency, Func<int, string> url, CancellationToken cancellationToken)
    {
        // Warm-up at full concurrency: connections, JIT, the tables' first reads. Not measured.
        await RunAsync(client, Math.Min(requests, concurrency * 2), concurrency, i => url(requests + i), cancellationToken);
        var clock = Stopwatch.StartNew();
        var outcomes = await RunAsync(client, requests, concurrency, url, cancellationToken);
        var elapsed = clock.Elapsed;
        var timings = outcomes.Where(o => o.Kind == OutcomeKind.Ok).Select(o => o.Milliseconds).Order().ToArray();
        double At(double q) => timings.Length == 0 ? double.NaN : timings[Math.Min(timings.Length - 1, (int)(timings.Length * q))];
        return new Latency(At(0.50), At(0.90), At(0.99), timings.Length == 0 ? double.NaN : timings[^1], requests / elapsed.TotalSeconds,
            outcomes.Count(o => o.Kind == OutcomeKind.Error), outcomes.Count(o => o.Kind == OutcomeKind.Timeout));
    }

    /// <summary>Closed loop: <paramref name="concurrency"/> clients, each sending its next request when the last one answered.</summary>
    private static async Task<Outcome[]> RunAsync(HttpClient client, int requests, int concurrency, Func<int, string> url, CancellationToken cancellationToken)
    {
        var outcomes = new Outcome[requests];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.GetAsync(url(i), HttpCompletionOption.ResponseContentRead, cancellationToken);
                    outcomes[i] = new Outcome(response.IsSuccessStatusCode ? OutcomeKind.Ok : OutcomeKind.Error, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    outcomes[i] = new Outcome(OutcomeKind.Timeout, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (HttpRequestException)
                {
                    outcomes[i] = new Outcome(OutcomeKind.Error, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        }, cancellationToken)));
        return outcomes;
    }

    internal static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private enum OutcomeKind
    {
        Ok,
        Error,
        Timeout,
    }

    private readonly record struct Outcome(OutcomeKind Kind, double Milliseconds);

    private sealed record Latency(double P50, double P90, double P99, double Max, double PerSecond, int Errors, int Timeouts);
}
