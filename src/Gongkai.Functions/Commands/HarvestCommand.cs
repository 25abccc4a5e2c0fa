using System.CommandLine;
using System.Globalization;
using Gongkai.Harvest;
using Gongkai.Harvest.Portals;
using Gongkai.Harvest.SamplePortal;
using Gongkai.Harvest.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gongkai.Functions.Commands;

/// <summary>
/// <c>gongkai harvest [--portal ID]... [--config FILE] [--max-pages N] [--dry-run]</c>: harvests the configured portals
/// now, against the configured storage (AzureWebJobsStorage, UseDevelopmentStorage=true by default), and prints one
/// summary line per portal. Exit 0 when every run completed (failures it recorded are data, not errors), 1 when a run
/// could not complete (storage unreachable, cancelled), 2 for usage and configuration errors.
/// </summary>
public static class HarvestCommand
{
    public const int ExitOk = 0;
    public const int ExitFailed = 1;
    public const int ExitUsage = 2;

    /// <summary>The port the demo portals file expects the sample portal on.</summary>
    public const int SamplePortalPort = 8780;

    public static Command Create(TextWriter? output = null, TextWriter? error = null)
    {
        var portals = new Option<string[]>("--portal") { Description = "A portal id to harvest (repeatable); all configured portals by default.", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };
        var config = new Option<string?>("--config") { Description = "The portals file (default: Gongkai:Harvest:PortalsFile, i.e. portals.json next to the executable)." };
        var maxPages = new Option<int?>("--max-pages") { Description = "Listing pages to read per start URL (overrides each portal's cap)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Read the listings and print the URLs a harvest would fetch now; store nothing." };
        var contactUrl = new Option<string?>("--contact-url") { Description = "The contact URL sent in the User-Agent (default: Gongkai:Harvest:ContactUrl)." };
        var samplePortal = new Option<bool>("--sample-portal") { Description = $"Serve the bundled sample portal on 127.0.0.1:{SamplePortalPort} during the run (for samples/portals.demo.json)." };
        var verbose = new Option<bool>("--verbose") { Description = "Log every fetch to stderr." };

        var command = new Command("harvest", "Harvest the configured portals now: find their annual reports, fetch them politely, store new content once, and print a summary per portal.")
        {
            portals, config, maxPages, dryRun, contactUrl, samplePortal, verbose,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(portals) ?? [],
            parseResult.GetValue(config),
            parseResult.GetValue(maxPages),
            parseResult.GetValue(dryRun),
            parseResult.GetValue(contactUrl),
            parseResult.GetValue(samplePortal),
            parseResult.GetValue(verbose),
            output ?? Console.Out,
            error ?? Console.Error,
            cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(
        IReadOnlyList<string> portalIds, string? portalsFile, int? maxPages, bool dryRun, string? contactUrl, bool samplePortal, bool verbose,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (maxPages is < 1)
        {
            error.WriteLine("gongkai harvest: --max-pages must be at least 1.");
            return ExitUsage;
        }

        var overrides = new Dictionary<string, string?>();
        if (portalsFile is not null)
        {
            overrides[HarvestOptions.SectionName + ":PortalsFile"] = Path.GetFullPath(portalsFile);
        }

        if (contactUrl is not null)
        {
            overrides[HarvestOptions.SectionName + ":ContactUrl"] = contactUrl;
        }

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" })
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides)
            .Build();

        var services = new ServiceCollection();
        services.AddLogging(logging => logging
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddFilter((category, level) => level >= (verbose ? LogLevel.Debug : LogLevel.Warning) && category?.StartsWith("System.Net.Http", StringComparison.Ordinal) != true));
        services.AddGongkaiStorage(configuration);
        services.AddGongkaiHarvest(configuration);
        await using var provider = services.BuildServiceProvider();

        PortalCatalog catalog;
        try
        {
            _ = provider.GetRequiredService<IOptions<HarvestOptions>>().Value;
            catalog = provider.GetRequiredService<PortalCatalog>();
        }
        catch (Exception e) when (e is OptionsValidationException or PortalConfigurationException)
        {
            error.WriteLine($"gongkai harvest: {e.Message}");
            return ExitUsage;
        }

        var unknown = portalIds.Where(id => catalog.Find(id) is null).ToList();
        if (unknown.Count > 0)
        {
            error.WriteLine($"gongkai harvest: no portal {string.Join(", ", unknown.Select(u => $"'{u}'"))} in the portals file; configured: {string.Join(", ", catalog.Portals.Select(p => p.Id))}.");
            return ExitUsage;
        }

        var selected = portalIds.Count > 0 ? portalIds.Distinct().ToList() : catalog.Portals.Select(p => p.Id).ToList();
        await using var sample = samplePortal ? await SamplePortalServer.StartAsync(port: SamplePortalPort, cancellationToken: cancellationToken).ConfigureAwait(false) : null;
        if (sample is not null)
        {
            error.WriteLine($"Serving the sample portal at {sample.BaseUrl}");
        }

        var harvester = provider.GetRequiredService<PortalHarvester>();
        var options = provider.GetRequiredService<IOptions<HarvestOptions>>().Value;
        var results = new HarvestSummary?[selected.Count];
        var exit = ExitOk;
        await Parallel.ForAsync(0, selected.Count, new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelPortals, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            try
            {
                results[i] = await harvester.HarvestAsync(selected[i], new HarvestRunOptions { MaxPages = maxPages, DryRun = dryRun }, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (StorageFailure.Is(e) || e is HttpRequestException or OperationCanceledException or IOException)
            {
                lock (error)
                {
                    error.WriteLine($"gongkai harvest: {selected[i]}: {e.Message}");
                }

                exit = ExitFailed;
            }
        }).ConfigureAwait(false);

        foreach (var summary in results.OfType<HarvestSummary>())
        {
            output.WriteLine(Format(summary));
            foreach (var url in summary.WouldFetch)
            {
                output.WriteLine("  would fetch " + url);
            }
        }

        return exit;
    }

    public static string Format(HarvestSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.Skipped)
        {
            return $"{summary.PortalId}: skipped (another harvest of this portal is running)";
        }

        var seconds = summary.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        return summary.DryRun
            ? $"{summary.PortalId}: dry run, {summary.PagesListed} listing pages, {summary.ReportsFound} reports found, {summary.WouldFetch.Count} to fetch, {summary.NotDue} not due, {summary.Failed} failed, {seconds} s"
            : $"{summary.PortalId}: {summary.PagesListed} listing pages, {summary.ReportsFound} reports found, {summary.New} new, {summary.Changed} changed, "
              + $"{summary.Unchanged} unchanged, {summary.NotDue} not due, {summary.Disallowed} disallowed by robots.txt, {summary.Failed} failed, "
              + $"{summary.Bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes, {seconds} s";
    }
}
