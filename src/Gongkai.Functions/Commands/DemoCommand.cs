using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Gongkai.Functions.Functions;
using Gongkai.Functions.Hosting;
using Gongkai.Functions.LocalHost;
using Gongkai.Functions.Records;
using Gongkai.Harvest;
using Gongkai.Harvest.Portals;
using Gongkai.Harvest.SamplePortal;
using Gongkai.Harvest.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Functions.Commands;

/// <summary>
/// <c>gongkai demo</c>: the whole mission on this machine. Azurite, the sample portal on loopback, one harvest now
/// (timer → queue), every stored report parsed through the blob trigger, the API up; then a summary and example queries.
/// </summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var once = new Option<bool>("--once") { Description = "Exit after the harvest and its parses: 0 only if every report page was parsed." };
        var port = new Option<int>("--port") { Description = "API port on 127.0.0.1.", DefaultValueFactory = _ => 7071 };
        var portals = new Option<string?>("--portals") { Description = "The demo portals file (default: samples/portals.demo.json in the repository)." };
        var command = new Command("demo", "Run the whole pipeline on the sample portal and serve the API (the main job of ./run.sh).") { once, port, portals };
        command.SetAction(async (result, cancellationToken) =>
        {
            var file = result.GetValue(portals) ?? DemoRun.FindDemoPortals();
            if (file is null || !File.Exists(file))
            {
                await Console.Error.WriteLineAsync("error: samples/portals.demo.json not found; run from the repository or pass --portals.");
                return 2;
            }
            try
            {
                await using var azurite = await DevelopmentStorage.EnsureInMemoryAsync(Console.Out, cancellationToken);
                var run = new DemoRun(Console.Out, file, result.GetValue(port), DevelopmentStorage.Defaults());
                return await run.RunAsync(result.GetValue(once), cancellationToken);
            }
            catch (Exception e) when (e is Microsoft.Extensions.Options.OptionsValidationException or InvalidOperationException or IOException)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 3;
            }
        });
        return command;
    }
}

/// <summary>One demo run; tests call it directly with their own storage and ports.</summary>
public sealed class DemoRun(TextWriter output, string demoPortalsFile, int port, IReadOnlyDictionary<string, string?> settings)
{
    /// <summary>The port samples/portals.demo.json names for the sample portal.</summary>
    public const int SamplePortalPort = 8780;

    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static string? FindDemoPortals()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "samples", "portals.demo.json");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    public async Task<int> RunAsync(bool once, CancellationToken cancellationToken)
    {
        await using var portal = await StartSamplePortalAsync(cancellationToken);
        // The demo file names the sample portal's usual port; when that port was taken, point it at the one in use.
        var portalsFile = Path.Combine(Path.GetTempPath(), $"gongkai-demo-portals-{Environment.ProcessId}-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(portalsFile, (await File.ReadAllTextAsync(demoPortalsFile, cancellationToken))
            .Replace($"127.0.0.1:{SamplePortalPort}", $"127.0.0.1:{portal.BaseUrl.Port}", StringComparison.Ordinal), cancellationToken);
        try
        {
            var overrides = new Dictionary<string, string?>(settings)
            {
                // The demo crawls only its own loopback portal; a real deployment sets its own contact page.
                ["Gongkai:Harvest:ContactUrl"] = Environment.GetEnvironmentVariable("Gongkai__Harvest__ContactUrl") ?? "https://example.org/gongkai-demo",
                ["Gongkai:Harvest:PortalsFile"] = portalsFile,
                ["Gongkai:LocalHost:BlobScanInterval"] = "00:00:00.500",
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
            };
            var app = GongkaiHost.Build(new HostSettings { Port = port, Triggers = true, RunNow = true, Overrides = overrides });
            await using (app)
            {
                await app.StartAsync(cancellationToken);
                var api = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
                    .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
                await output.WriteLineAsync($"Sample portal on {portal.BaseUrl}; harvesting now (timer → harvest-requests → crawler → raw-reports → ParseReport)…");

                var status = app.Services.GetRequiredService<LocalTriggerStatus>();
                using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    deadline.CancelAfter(Timeout);
                    try
                    {
                        await status.WaitForQuiescenceAsync(TimeSpan.FromMilliseconds(250), deadline.Token);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        await output.WriteLineAsync($"The pipeline did not settle within {Timeout.TotalMinutes:0} minutes.");
                    }
                }

                var summary = await DemoSummary.CollectAsync(app.Services, status, SampleReport.LoadEmbedded(), cancellationToken);
                await summary.WriteAsync(output, api);
                if (once)
                {
                    await app.StopAsync(CancellationToken.None);
                    return summary.EveryReportParsed ? 0 : 1;
                }
                await output.WriteLineAsync($"Web page on {api}api/web/ · API on {api}api — Ctrl+C to stop.");
                await app.WaitForShutdownAsync(cancellationToken);
                return 0;
            }
        }
        finally
        {
            File.Delete(portalsFile);
        }
    }

    private static async Task<SamplePortalServer> StartSamplePortalAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await SamplePortalServer.StartAsync(port: SamplePortalPort, cancellationToken: cancellationToken);
        }
        catch (IOException)
        {
            return await SamplePortalServer.StartAsync(port: 0, cancellationToken: cancellationToken);
        }
    }
}

/// <summary>What the demo run did, read back from the triggers' results and from storage.</summary>
/// <param name="Missing">The sample portal's reports (EXPECTED.json) that the API does not serve from their page.</param>
public sealed record DemoSummary(int Portals, int ReportsFound, int DocumentsStored, int PagesToParse, int Parsed, int Figures, int Problems,
    int Failures, int ReportsInApi, IReadOnlyList<string> Unparsed, IReadOnlyList<SampleReport> Missing, string? ExampleReportId, int? ExampleYear, string? ExampleMetric)
{
    /// <summary>
    /// Every stored report page became a record, every report the sample portal publishes is in the API, and nothing
    /// failed: a crawler that stopped finding pages fails this as surely as a parser that stopped reading them.
    /// </summary>
    public bool EveryReportParsed => ReportsFound > 0 && PagesToParse > 0 && Unparsed.Count == 0 && Missing.Count == 0 && Failures == 0;

    public static async Task<DemoSummary> CollectAsync(IServiceProvider services, LocalTriggerStatus status, IReadOnlyList<SampleReport> expected,
        CancellationToken cancellationToken)
    {
        var storage = services.GetRequiredService<RecordStorage>();
        var harvests = status.Harvests;
        int Sum(IEnumerable<JsonElement> items, string name) =>
            items.Sum(i => i.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0);

        // Every parseable raw blob must have been recorded into a report.
        var raw = await storage.ContainerAsync(StorageNames.RawReportsContainer, cancellationToken);
        var blobs = await storage.TableAsync(StorageNames.ReportBlobsTable, cancellationToken);
        var unparsed = new List<string>();
        var pages = 0;
        await foreach (var blob in raw.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            if (!ParseReportFunction.IsParseable(blob.Properties.ContentType))
            {
                continue;
            }
            pages++;
            if (await blobs.FindAsync(TableKey.Encode(blob.Name), "", ["ReportId"], cancellationToken) is null)
            {
                unparsed.Add(blob.Name);
            }
        }

        var reports = await storage.TableAsync(StorageNames.ReportsTable, cancellationToken);
        var inApi = 0;
        var figures = 0;
        var problems = 0;
        ReportSummary? example = null;
        await foreach (var row in reports.QueryAsync<TableEntity>(maxPerPage: 1000, select: ReportSummary.Columns, cancellationToken: cancellationToken))
        {
            var summary = ReportSummary.FromEntity(row);
            inApi++;
            figures += summary.MetricCount;
            problems += summary.ProblemCount;
            if (summary.Year is not null && (example is null || summary.MetricCount > example.MetricCount))
            {
                example = summary;
            }
        }

        var failures = await storage.TableAsync(StorageNames.FailuresTable, cancellationToken);
        var failed = 0;
        await foreach (var _ in failures.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Status ne {ParseFailures.Resolved}"), 1000, ["Stage"], cancellationToken))
        {
            failed++;
        }

        var queries = services.GetRequiredService<ReportQueries>();
        var missing = new List<SampleReport>();
        foreach (var report in expected)
        {
            var record = await queries.GetReportAsync(ReportIds.For(report.Agency, report.Year), cancellationToken);
            if (record is null || !record.Versions.Any(v => PathOf(v.SourceUrl) == report.Path || PathOf(v.FinalUrl) == report.Path))
            {
                missing.Add(report);
            }
        }

        string? metric = null;
        if (example is not null)
        {
            var record = await queries.GetReportAsync(example.Id, cancellationToken);
            metric = record?.Metrics.Keys.FirstOrDefault(k => k == "requests.new_received") ?? record?.Metrics.Keys.FirstOrDefault();
        }

        return new DemoSummary(
            services.GetRequiredService<PortalCatalog>().Portals.Count,
            Sum(harvests, "reportsFound"),
            Sum(harvests, "new") + Sum(harvests, "changed") + Sum(harvests, "unchanged"),
            pages,
            status.Parses.Count(p => p.TryGetProperty("status", out var s) && s.GetString() == "parsed"),
            figures,
            problems,
            failed,
            inApi,
            unparsed,
            missing,
            example?.Id,
            example?.Year,
            metric);
    }

    private static string? PathOf(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : null;

    public async Task WriteAsync(TextWriter output, Uri api)
    {
        var c = CultureInfo.InvariantCulture;
        await output.WriteLineAsync();
        await output.WriteLineAsync("Gongkai demo summary");
        await output.WriteLineAsync(string.Create(c, $"  portals harvested     {Portals}"));
        await output.WriteLineAsync(string.Create(c, $"  reports found         {ReportsFound} (documents stored: {DocumentsStored})"));
        await output.WriteLineAsync(string.Create(c, $"  reports parsed        {PagesToParse - Unparsed.Count} of {PagesToParse} report pages ({Parsed} parses this run)"));
        await output.WriteLineAsync(string.Create(c, $"  reports in the API    {ReportsInApi}"));
        await output.WriteLineAsync(string.Create(c, $"  figures extracted     {Figures}"));
        await output.WriteLineAsync(string.Create(c, $"  parser problems       {Problems}"));
        await output.WriteLineAsync(string.Create(c, $"  failures recorded     {Failures}"));
        foreach (var blob in Unparsed)
        {
            await output.WriteLineAsync($"  NOT PARSED: {blob}");
        }
        foreach (var report in Missing)
        {
            await output.WriteLineAsync(string.Create(c, $"  NOT IN THE API: {report.Id} {report.Agency} {report.Year} ({report.Path})"));
        }
        if (ExampleReportId is not null)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync("Try:");
            await output.WriteLineAsync($"  {api}api/web/#/report/{ExampleReportId}   (the web page, in a browser)");
            await output.WriteLineAsync(string.Create(c, $"  curl '{api}api/reports?year={ExampleYear}'"));
            await output.WriteLineAsync($"  curl '{api}api/reports/{ExampleReportId}'");
            if (ExampleMetric is not null)
            {
                await output.WriteLineAsync(string.Create(c, $"  curl '{api}api/metrics/{ExampleMetric}?year={ExampleYear}&format=csv'"));
            }
        }
        await output.WriteLineAsync();
    }
}
