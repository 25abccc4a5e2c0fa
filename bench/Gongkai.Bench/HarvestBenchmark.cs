using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Gongkai.Harvest;
using Gongkai.Harvest.SamplePortal;
using Gongkai.Harvest.Stores;
using Gongkai.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Bench;

/// <summary>
/// Harvests a generated portal (2,000 report pages by default, 20 per listing page) from a loopback server into Azurite,
/// twice: with politeness off (pages/s, peak memory) and with it on (the per-host rate measured from the server's request
/// log against the configured limit); then a generated Hanweb column (1,000 report pages by default: the column page's
/// datastore and the jpage proxy's groups) with politeness off. Uses GONGKAI_TEST_STORAGE when set, otherwise starts its own in-memory Azurite.
/// </summary>
internal static class HarvestBenchmark
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var pages = 2000;
        var politePages = 60;
        var delayMs = 100;
        var hanwebPages = 1000;
        for (var i = 0; i < args.Length; i++)
        {
            if (i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1)
            {
                switch (args[i])
                {
                    case "--pages": pages = n; i++; continue;
                    case "--polite-pages": politePages = n; i++; continue;
                    case "--delay-ms": delayMs = n; i++; continue;
                    case "--hanweb-pages": hanwebPages = n; i++; continue;
                }
            }

            Console.Error.WriteLine($"harvest: unknown or invalid option '{args[i]}' (expected --pages N, --polite-pages N, --delay-ms N, --hanweb-pages N).");
            return 2;
        }

        AzuriteServer? azurite = null;
        var connectionString = Environment.GetEnvironmentVariable(TestStorage.ConnectionStringVariable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Console.WriteLine("Starting Azurite (in memory)…");
            azurite = await AzuriteServer.StartAsync(cancellationToken);
            connectionString = azurite.ConnectionString;
        }

        try
        {
            var account = StorageClients.For(connectionString);

            // Politeness off: one host, 8 requests in flight, no delay.
            await using (var server = await SamplePortalServer.StartAsync(SampleSite.Generate(pages), cancellationToken: cancellationToken))
            {
                GC.Collect();
                var before = Process.GetCurrentProcess().PeakWorkingSet64;
                var (summary, elapsed) = await HarvestAsync(account, server.Url("/gen/list.html?page=1"), concurrency: 8, delaySeconds: 0, parallel: 16, cancellationToken);
                var peak = Process.GetCurrentProcess().PeakWorkingSet64;
                Console.WriteLine($"politeness off: {summary.New} report pages stored from {summary.PagesListed} listing pages in {elapsed.TotalSeconds:0.00} s "
                    + $"= {summary.New / elapsed.TotalSeconds:0} pages/s; {summary.Bytes / 1024.0 / 1024.0:0.0} MiB fetched; "
                    + $"peak working set {peak / 1024.0 / 1024.0:0} MiB (before: {before / 1024.0 / 1024.0:0} MiB), GC heap now {GC.GetTotalMemory(false) / 1024.0 / 1024.0:0} MiB");
                if (summary.New != pages || summary.Failed != 0)
                {
                    Console.Error.WriteLine($"harvest: expected {pages} new pages and no failures, got {summary.New} new and {summary.Failed} failed.");
                    return 1;
                }
            }

            // Politeness on: one request at a time per host, delayMs apart.
            await using (var server = await SamplePortalServer.StartAsync(SampleSite.Generate(politePages), cancellationToken: cancellationToken))
            {
                var (summary, elapsed) = await HarvestAsync(account, server.Url("/gen/list.html?page=1"), concurrency: 1, delaySeconds: delayMs / 1000.0, parallel: 16, cancellationToken);
                var times = server.Requests.Select(r => r.At).Order().ToList();
                var gaps = times.Zip(times.Skip(1), (a, b) => (b - a).TotalMilliseconds).ToList();
                var rate = (times.Count - 1) / (times[^1] - times[0]).TotalSeconds;
                Console.WriteLine($"politeness on ({delayMs} ms per host, 1 at a time): {times.Count} requests in {elapsed.TotalSeconds:0.00} s; measured "
                    + $"{rate:0.00} requests/s against a limit of {1000.0 / delayMs:0.00}/s; smallest gap {gaps.Min():0.0} ms, median {gaps.Order().ElementAt(gaps.Count / 2):0.0} ms");
                if (gaps.Min() < delayMs - 2 || summary.Failed != 0)
                {
                    Console.Error.WriteLine("harvest: the per-host limit was not kept.");
                    return 1;
                }
            }

            // A Hanweb column, politeness off: the column page's datastore, then the jpage proxy group by group (each a listing page).
            await using (var server = await HanwebColumnServer.StartAsync(hanwebPages, cancellationToken))
            {
                var (summary, elapsed) = await HarvestAsync(account, server.Url(HanwebColumnServer.ColumnPath), concurrency: 8, delaySeconds: 0, parallel: 16, cancellationToken);
                var proxyGroups = server.Requests.Count(r => r.PathAndQuery.Contains("dataproxy", StringComparison.Ordinal));
                Console.WriteLine($"Hanweb column (politeness off): {summary.New} report pages stored from {summary.PagesListed} listing pages (the column page and {proxyGroups} proxy groups) "
                    + $"in {elapsed.TotalSeconds:0.00} s = {summary.New / elapsed.TotalSeconds:0} pages/s");
                if (summary.New != hanwebPages || summary.Failed != 0 || summary.PagesListed != 1 + proxyGroups)
                {
                    Console.Error.WriteLine($"harvest: expected {hanwebPages} new pages from the Hanweb column and no failures, got {summary.New} new and {summary.Failed} failed.");
                    return 1;
                }
            }

            return 0;
        }
        finally
        {
            azurite?.Dispose();
        }
    }

    private static async Task<(HarvestSummary Summary, TimeSpan Elapsed)> HarvestAsync(StorageClients account, Uri start, int concurrency, double delaySeconds, int parallel, CancellationToken cancellationToken)
    {
        var portalsFile = Path.Combine(Path.GetTempPath(), "gongkai-bench-portals-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(portalsFile, JsonSerializer.Serialize(new
        {
            portals = new[]
            {
                new
                {
                    id = "bench",
                    name = "Generated portal",
                    startUrls = new[] { start.AbsoluteUri },
                    pagination = new { maxPages = 10_000 },
                    politeness = new { concurrency, delaySeconds },
                    allowPrivateNetworks = true,
                    allowedPrivateNetworks = new[] { "127.0.0.0/8" },
                },
            },
        }), cancellationToken);
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Gongkai:Harvest:PortalsFile"] = portalsFile,
                ["Gongkai:Harvest:ContactUrl"] = "https://gongkai.example/bench",
                ["Gongkai:Harvest:MaxParallelFetches"] = parallel.ToString(CultureInfo.InvariantCulture),
            }).Build();
            var names = new HarvestStoreNames
            {
                RawReports = TestStorage.UniqueName("benchraw"),
                Locks = TestStorage.UniqueName("benchlocks"),
                CrawlState = TestStorage.UniqueName("benchcrawl"),
                Failures = TestStorage.UniqueName("benchfail"),
                HarvestRuns = TestStorage.UniqueName("benchruns"),
            };
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddSingleton(account.Blobs);
            services.AddSingleton(account.Tables);
            services.AddSingleton(names);
            services.AddGongkaiHarvest(configuration);
            await using var provider = services.BuildServiceProvider();
            var harvester = provider.GetRequiredService<PortalHarvester>();
            await provider.GetRequiredService<StoreInitializer>().EnsureCreatedAsync(cancellationToken);
            var stopwatch = Stopwatch.StartNew();
            var summary = await harvester.HarvestAsync("bench", new HarvestRunOptions(), cancellationToken);
            return (summary, stopwatch.Elapsed);
        }
        finally
        {
            File.Delete(portalsFile);
        }
    }
}
