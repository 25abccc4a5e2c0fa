using System.Diagnostics;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Gongkai.Functions.Hosting;
using Gongkai.Functions.Records;
using Gongkai.Harvest.SamplePortal;
using Gongkai.Harvest.Stores;
using Gongkai.Reports;
using Gongkai.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Bench;

/// <summary>
/// Query latency on loopback with 10,000 reports stored, 100 concurrent clients, in one run:
/// <list type="bullet">
/// <item>storage alone — the same point reads and ranking range scans sent straight to Azurite, no API: the floor any
/// API over this storage can reach;</item>
/// <item>the API with its response cache off — every request reaches storage;</item>
/// <item>the API with the cache on — <c>/api/reports/{id}</c> over ids not asked for before (every request a miss) and over
/// a hot set asked for again (hits), and <c>/api/metrics/{key}</c> (10 keys × 10 years, hits after the warm-up).</item>
/// </list>
/// Target: p99 under 50 ms.
/// </summary>
/// <remarks>
/// The reports are the sample portal's real pages, parsed once, then written through the real record writer under
/// 1,000 agencies × 10 years. Each keeps the headline figures below (a real report has ~100: a million ranking rows
/// would take most of an hour to seed, and Azurite's queries scan a whole year's table).
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
        var requests = EndToEndBenchmark.Argument(args, "--requests", 5_000);
        // A ranking that reaches Azurite scans the year's whole MetricIndex table (slow at 100 concurrent): fewer keep the run short.
        var scanRequests = EndToEndBenchmark.Argument(args, "--scan-requests", 300);
        var hotSet = EndToEndBenchmark.Argument(args, "--hot-reports", 500);
        var concurrency = EndToEndBenchmark.Argument(args, "--concurrency", 100);
        var seedParallelism = EndToEndBenchmark.Argument(args, "--seed-parallelism", 32);
        var timeout = TimeSpan.FromSeconds(EndToEndBenchmark.Argument(args, "--timeout-seconds", 10));
        var warmUps = concurrency * 2;
        var rounds = EndToEndBenchmark.Argument(args, "--rounds", 5);
        Func<int, CancellationToken, Task<bool>>? storageAlone = null;
        var sweep = new List<(int Concurrency, Latency Alone, Latency Api)>();

        await using var azurite = await AzuriteServer.StartAsync(cancellationToken);
        var results = new List<(string Route, string Path, Latency Latency)>();
        List<string> ids = [];
        // Distinct ids in a scattered order, each asked for once per phase; the hot set is the first few, asked for repeatedly.
        string Report(int i) => ids[(int)((i * 7919L) % ids.Count)];
        string Ranking(int i) => $"/api/metrics/{Keys[i % Keys.Length]}?year={2015 + (i / Keys.Length % 10)}&top=50";

        var tables = new TableServiceClient(azurite.ConnectionString);
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
                    // Long enough that nothing expires between the warm-up and the end of the run.
                    ["Gongkai:Api:CacheDuration"] = cached ? "00:01:00" : "00:00:00",
                    ["Logging:LogLevel:Default"] = "Warning",
                    // Storage timeouts under overload are counted as errors below; their stack traces would bury the figures.
                    ["Logging:LogLevel:Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware"] = "None",
                },
            });
            await using (app)
            {
                await app.StartAsync(cancellationToken);
                if (ids.Count == 0)
                {
                    using var meter = new StorageRequestMeter();
                    ids = await SeedAsync(app.Services.GetRequiredService<ReportRecordWriter>(), reports, seedParallelism, cancellationToken);
                    meter.Print(Console.Out, reports, "report");

                    var reportsTable = tables.GetTableClient(StorageNames.ReportsTable);
                    Func<int, CancellationToken, Task<bool>> pointRead = async (i, ct) =>
                        await reportsTable.FindAsync(Report(i), ReportRecord.RowKeyFor(Report(i)), null, ct) is not null;
                    Func<int, CancellationToken, Task<bool>> rangeScan = async (i, ct) =>
                    {
                        var (from, to) = IndexKeys.KeyRange(Keys[i % Keys.Length]);
                        var year = 2015 + (i / Keys.Length % 10);
                        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {IndexKeys.YearPartition(year)} and RowKey ge {from} and RowKey lt {to}");
                        await foreach (var page in tables.GetTableClient(StorageNames.MetricIndexTable(year)).QueryAsync<TableEntity>(filter, 50, IndexRows.MetricColumns, ct).AsPages(pageSizeHint: 50))
                        {
                            return page.Values.Count > 0;
                        }
                        return false;
                    };
                    storageAlone = pointRead;
                    results.Add(("/api/metrics/{key}?year=&top=50", "storage alone", await MeasureAsync(scanRequests, concurrency, rangeScan, rangeScan, warmUps, cancellationToken)));
                }

                var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
                using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
                {
                    BaseAddress = new Uri(address),
                    Timeout = timeout,
                };
                using var meter2 = new StorageRequestMeter();
                var served = 0;
                Func<int, CancellationToken, Task<bool>> Get(Func<int, string> url) => async (i, ct) =>
                {
                    Interlocked.Increment(ref served);
                    using var response = await client.GetAsync(url(i), HttpCompletionOption.ResponseContentRead, ct);
                    return response.IsSuccessStatusCode;
                };
                if (cached)
                {
                    // The misses are ids [requests, 2·requests) of the scattered order, which nothing before asked this instance
                    // for; the warm-up asks for ids from the start of the order instead. The hot set is the first hotSet ids.
                    var misses = Get(i => $"/api/reports/{Report(requests + i)}");
                    var hot = Get(i => $"/api/reports/{Report(i % hotSet)}");
                    results.Add(("/api/reports/{id}", "API, cache on, new ids (misses)", await MeasureAsync(requests, concurrency, misses, Get(i => $"/api/reports/{Report(i)}"), warmUps, cancellationToken)));
                    results.Add(("/api/reports/{id}", $"API, cache on, {hotSet} hot ids (hits)", await MeasureAsync(requests, concurrency, hot, hot, hotSet, cancellationToken)));
                    results.Add(("/api/metrics/{key}?year=&top=50", "API, cache on (hits)", await MeasureAsync(requests, concurrency, Get(Ranking), Get(Ranking), warmUps, cancellationToken)));
                }
                else
                {
                    // Alternating rounds over the same ids, so that both see the same machine: their ratio is the API's own cost.
                    var (alone, api) = await InterleaveAsync(rounds, requests, concurrency, storageAlone!, Get(i => $"/api/reports/{Report(i)}"), warmUps, cancellationToken);
                    results.Add(("/api/reports/{id}", "storage alone", alone));
                    results.Add(("/api/reports/{id}", "API, cache off", api));
                    // Where the emulator stops keeping up: the same pair at lower concurrency.
                    foreach (var level in new[] { 10, 25, 50 }.Where(l => l < concurrency))
                    {
                        var (aloneAt, apiAt) = await InterleaveAsync(rounds, requests / 2, level, storageAlone!, Get(i => $"/api/reports/{Report(i)}"), warmUps, cancellationToken);
                        sweep.Add((level, aloneAt, apiAt));
                    }
                    results.Add(("/api/metrics/{key}?year=&top=50", "API, cache off", await MeasureAsync(scanRequests, concurrency, Get(Ranking), Get(Ranking), warmUps, cancellationToken)));
                }
                meter2.Print(Console.Out, served, "API request");
                await app.StopAsync(CancellationToken.None);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{concurrency} concurrent, {reports} reports stored, {requests} requests per row ({scanRequests} for rankings that reach storage), load average {LoadAverage()}; target p99 < 50 ms"));
        foreach (var (route, path, latency) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{route,-32} {path,-36} p50 {latency.P50,7:0.0}  p90 {latency.P90,7:0.0}  p99 {latency.P99,7:0.0}  max {latency.Max,7:0.0} ms  {latency.PerSecond,6:0} req/s  {latency.Errors} errors, {latency.Timeouts} timeouts"));
        }
        foreach (var route in results.Select(r => r.Route).Distinct())
        {
            var floor = results.First(r => r.Route == route && r.Path == "storage alone").Latency;
            var api = results.First(r => r.Route == route && r.Path == "API, cache off").Latency;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{route,-32} API cache off ÷ storage alone: p50 {api.P50 / floor.P50:0.00}×, p99 {api.P99 / floor.P99:0.00}×, throughput {api.PerSecond / floor.PerSecond:0.00}×"));
        }
        Console.WriteLine("/api/reports/{id}, cache off, at lower concurrency (storage alone | API):");
        foreach (var (level, alone, api) in sweep)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {level,3} concurrent  p50 {alone.P50,6:0.0} | {api.P50,6:0.0}  p99 {alone.P99,6:0.0} | {api.P99,6:0.0} ms  {alone.PerSecond,5:0} | {api.PerSecond,5:0} req/s"));
        }
        // Storage-alone errors are the emulator refusing an overload, shown above; the exit code is about the API.
        return results.Where(r => r.Path.StartsWith("API", StringComparison.Ordinal)).All(r => r.Latency.Errors == 0) ? 0 : 1;
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

    /// <summary>
    /// <paramref name="first"/> and <paramref name="second"/> over the same request indices, in <paramref name="rounds"/>
    /// alternating rounds (which goes first alternates too), each measured as one sample.
    /// </summary>
    private static async Task<(Latency First, Latency Second)> InterleaveAsync(int rounds, int requests, int concurrency,
        Func<int, CancellationToken, Task<bool>> first, Func<int, CancellationToken, Task<bool>> second, int warmUps, CancellationToken cancellationToken)
    {
        await RunAsync(warmUps, concurrency, first, cancellationToken);
        await RunAsync(warmUps, concurrency, second, cancellationToken);
        var samples = new[] { new Sample(), new Sample() };
        var perRound = requests / rounds;
        for (var round = 0; round < rounds; round++)
        {
            var offset = round * perRound;
            foreach (var which in round % 2 == 0 ? new[] { 0, 1 } : [1, 0])
            {
                var send = which == 0 ? first : second;
                var clock = Stopwatch.StartNew();
                var outcomes = await RunAsync(perRound, concurrency, (i, ct) => send(offset + i, ct), cancellationToken);
                samples[which].Add(outcomes, clock.Elapsed);
            }
        }
        return (samples[0].ToLatency(), samples[1].ToLatency());
    }

    /// <param name="warmUp">Sent first, <paramref name="warmUps"/> times at full concurrency, not measured: connections, JIT,
    /// and, for the cache's hit paths, filling it. Its requests must not fill the cache for those measured as misses.</param>
    private static async Task<Latency> MeasureAsync(int requests, int concurrency, Func<int, CancellationToken, Task<bool>> send,
        Func<int, CancellationToken, Task<bool>> warmUp, int warmUps, CancellationToken cancellationToken)
    {
        await RunAsync(warmUps, concurrency, warmUp, cancellationToken);
        var clock = Stopwatch.StartNew();
        var sample = new Sample();
        sample.Add(await RunAsync(requests, concurrency, send, cancellationToken), clock.Elapsed);
        return sample.ToLatency();
    }

    /// <summary>Closed loop: <paramref name="concurrency"/> clients, each sending its next request when the last one answered.</summary>
    private static async Task<Outcome[]> RunAsync(int requests, int concurrency, Func<int, CancellationToken, Task<bool>> send, CancellationToken cancellationToken)
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
                    var ok = await send(i, cancellationToken);
                    outcomes[i] = new Outcome(ok ? OutcomeKind.Ok : OutcomeKind.Error, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    outcomes[i] = new Outcome(OutcomeKind.Timeout, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (Exception e) when (e is HttpRequestException or RequestFailedException)
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

    /// <summary>The outcomes of one or more measured runs, and the time they took.</summary>
    private sealed class Sample
    {
        private readonly List<Outcome> _outcomes = [];
        private TimeSpan _elapsed;

        public void Add(IEnumerable<Outcome> outcomes, TimeSpan elapsed)
        {
            _outcomes.AddRange(outcomes);
            _elapsed += elapsed;
        }

        public Latency ToLatency()
        {
            var timings = _outcomes.Where(o => o.Kind == OutcomeKind.Ok).Select(o => o.Milliseconds).Order().ToArray();
            double At(double q) => timings.Length == 0 ? double.NaN : timings[Math.Min(timings.Length - 1, (int)(timings.Length * q))];
            return new Latency(At(0.50), At(0.90), At(0.99), timings.Length == 0 ? double.NaN : timings[^1], _outcomes.Count / _elapsed.TotalSeconds,
                _outcomes.Count(o => o.Kind == OutcomeKind.Error), _outcomes.Count(o => o.Kind == OutcomeKind.Timeout));
        }
    }
}
