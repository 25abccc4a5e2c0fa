using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Gongkai.Functions.Hosting;
using Gongkai.Functions.LocalHost;
using Gongkai.Functions.Records;
using Gongkai.Harvest.SamplePortal;
using Gongkai.Harvest.Stores;
using Gongkai.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Bench;

/// <summary>
/// Harvest → queryable for generated reports on Azurite: the timer fans out one message per portal (10 portals, one
/// listing page each), the crawler stores every page, the blob trigger parses it, and the clock stops when every report
/// is in the Reports table and the pipeline is idle. Target: 1,000 reports within 60 s on a 2-core machine.
/// </summary>
public static class EndToEndBenchmark
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var reports = Argument(args, "--reports", 1000);
        const int portals = 10;
        var perPortal = (reports + portals - 1) / portals;
        var parallelism = Argument(args, "--parallelism", 0);

        Console.WriteLine($"end-to-end: {reports} report pages (the sample portal's 14, each copy under its own agency), {portals} portals, Azurite in memory");
        await using var azurite = await AzuriteServer.StartAsync(cancellationToken);
        await using var site = await SamplePortalServer.StartAsync(SampleSite.GenerateReports(reports, perPortal), cancellationToken: cancellationToken);
        var portalsFile = Path.Combine(Path.GetTempPath(), $"gongkai-bench-portals-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(portalsFile, PortalsJson(site.BaseUrl, portals), cancellationToken);
        try
        {
            var app = GongkaiHost.Build(new HostSettings
            {
                Port = 0,
                Triggers = true,
                RunNow = true,
                Overrides = new Dictionary<string, string?>
                {
                    ["AzureWebJobsStorage"] = azurite.ConnectionString,
                    ["Gongkai:Harvest:PortalsFile"] = portalsFile,
                    ["Gongkai:Harvest:ContactUrl"] = "https://example.org/gongkai-bench",
                    ["Gongkai:LocalHost:BlobScanInterval"] = "00:00:00.250",
                    ["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:00.250",
                    ["AzureFunctionsJobHost:extensions:blobs:maxDegreeOfParallelism"] = parallelism > 0 ? parallelism.ToString(CultureInfo.InvariantCulture) : null,
                    ["Logging:LogLevel:Default"] = "Warning",
                },
            });
            await using (app)
            {
                using var meter = new StorageRequestMeter();
                var azuriteCpu = azurite.ProcessorTime;
                var appCpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                await app.StartAsync(cancellationToken);
                var status = app.Services.GetRequiredService<LocalTriggerStatus>();
                var storage = app.Services.GetRequiredService<RecordStorage>();
                var lastReport = 0;
                while (true)
                {
                    await Task.Delay(500, cancellationToken);
                    if (status.IsQuiescent)
                    {
                        break;
                    }
                    if (clock.Elapsed.TotalSeconds >= lastReport + 5)
                    {
                        lastReport = (int)clock.Elapsed.TotalSeconds;
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  {clock.Elapsed.TotalSeconds,5:0.0} s  harvests {status.MessagesSucceeded}/{portals}, parsed {status.BlobsSucceeded}"));
                    }
                }
                var elapsed = clock.Elapsed;
                azuriteCpu = azurite.ProcessorTime - azuriteCpu;
                appCpu = Process.GetCurrentProcess().TotalProcessorTime - appCpu;
                var recorded = 0;
                await foreach (var _ in (await storage.TableAsync(StorageNames.ReportsTable, cancellationToken)).QueryAsync<TableEntity>(maxPerPage: 1000, select: ["PartitionKey"], cancellationToken: cancellationToken))
                {
                    recorded++;
                }
                var found = status.Harvests.Sum(h => h.TryGetProperty("reportsFound", out var v) ? v.GetInt32() : 0);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"harvest → queryable: {recorded} reports recorded ({found} found, {status.BlobsSucceeded} parses) in {elapsed.TotalSeconds:0.0} s = {recorded / elapsed.TotalSeconds:0.0} reports/s (target: {reports} within 60 s)"));
                // Azurite answers on one thread: its CPU time against the wall time says whether it was the bottleneck.
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"CPU: Azurite {azuriteCpu.TotalSeconds:0.0} s ({azuriteCpu / elapsed:P0} of the wall time), this process (crawler, parser, writers) {appCpu.TotalSeconds:0.0} s"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"parse concurrency {app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<BlobTriggerOptions>>().Value.MaxDegreeOfParallelism}, load average {QueryBenchmark.LoadAverage()}"));
                meter.Print(Console.Out, Math.Max(status.BlobsSucceeded, 1), "parse");
                await app.StopAsync(CancellationToken.None);
                return recorded >= reports ? 0 : 1;
            }
        }
        finally
        {
            File.Delete(portalsFile);
        }
    }

    /// <summary>Portal k reads listing page k of the generated column: its own slice of the reports.</summary>
    private static string PortalsJson(Uri baseUrl, int portals) => JsonSerializer.Serialize(new
    {
        portals = Enumerable.Range(1, portals).Select(k => new
        {
            id = $"bench-{k:D2}",
            name = $"benchmark portal {k}",
            startUrls = new[] { new Uri(baseUrl, $"gen/list.html?page={k}").AbsoluteUri },
            pagination = new { maxPages = 1 },
            politeness = new { concurrency = 4, delaySeconds = 0 },
            allowPrivateNetworks = true,
            allowedPrivateNetworks = new[] { "127.0.0.0/8" },
        }),
    });

    internal static int Argument(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
