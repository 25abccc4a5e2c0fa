using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Gongkai.Functions.Functions;
using Gongkai.Functions.Hosting;
using Gongkai.Functions.LocalHost;
using Gongkai.Functions.Records;
using Gongkai.Harvest.Stores;
using Gongkai.Reports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gongkai.Functions.Commands;

/// <summary>
/// <c>gongkai reparse</c>: re-reads archived raw blobs with the current parser and rewrites their records. Blobs are
/// taken in name order and a checkpoint (ReparseCheckpoints table) records the last one done, every 25 blobs and when
/// the run is interrupted, so a new run with the same options resumes where it stopped. Exit codes: 0 every blob
/// handled, 1 some failed to parse, 2 bad options (a malformed --since, a --portal without blobs).
/// </summary>
public static class ReparseCommand
{

    public static Command Create()
    {
        var since = new Option<string?>("--since") { Description = "Only blobs fetched on or after this date (yyyy-MM-dd, UTC)." };
        var portal = new Option<string?>("--portal") { Description = "Only this portal's blobs." };
        var restart = new Option<bool>("--restart") { Description = "Ignore the checkpoint of an earlier run with the same options." };
        var command = new Command("reparse", "Re-parse archived raw reports with the current parser version and rewrite their records (resumable).") { since, portal, restart };
        command.SetAction(async (result, cancellationToken) =>
        {
            DateTimeOffset? sinceDate = null;
            if (result.GetValue(since) is { } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    await Console.Error.WriteLineAsync($"error: --since must be a date like 2024-01-31; got '{text}'.");
                    return ReparseRun.UsageError;
                }
                sinceDate = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            }
            var portalId = result.GetValue(portal);
            if (portalId is not null && (portalId.Length == 0 || portalId.Contains('/', StringComparison.Ordinal)))
            {
                await Console.Error.WriteLineAsync($"error: --portal must be a portal id; got '{portalId}'.");
                return ReparseRun.UsageError;
            }
            await using var azurite = await DevelopmentStorage.EnsureAsync(Console.Error, cancellationToken);
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(LocalSettings.Read(Directory.GetCurrentDirectory()))
                .AddInMemoryCollection(DevelopmentStorage.Defaults())
                .AddEnvironmentVariables()
                .Build();
            await using var services = Services(configuration);
            var run = new ReparseRun(services.GetRequiredService<RecordStorage>(), services.GetRequiredService<ParseReportFunction>(), Console.Out, Console.Error);
            return await run.RunAsync(sinceDate, portalId, result.GetValue(restart), cancellationToken);
        });
        return command;
    }

    /// <summary>The parse path's services, without the web host (reparse needs no harvester and no HTTP).</summary>
    public static ServiceProvider Services(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole());
        services.AddGongkaiStorage(configuration);
        services.AddGongkaiParsing(configuration);
        return services.BuildServiceProvider();
    }
}

/// <summary>One reparse pass with its checkpoint.</summary>
/// <param name="error">Where usage errors go (standard error for the command); <paramref name="output"/> when null.</param>
public sealed class ReparseRun(RecordStorage storage, ParseReportFunction parse, TextWriter output, TextWriter? error = null)
{
    /// <summary>Exit code of a run whose options cannot be right (as for a malformed --since).</summary>
    public const int UsageError = 2;

    private const int CheckpointEvery = 25;

    public async Task<int> RunAsync(DateTimeOffset? since, string? portal, bool restart, CancellationToken cancellationToken)
    {
        var raw = await storage.ContainerAsync(StorageNames.RawReportsContainer, cancellationToken);
        var checkpoints = await storage.TableAsync(StorageNames.ReparseCheckpointsTable, cancellationToken);
        var runKey = RunKey(since, portal);
        var checkpoint = restart ? null : await checkpoints.FindAsync("reparse", runKey, null, cancellationToken);
        var resumeAfter = checkpoint?.GetBoolean("Completed") == true ? null : checkpoint?.GetString("LastBlob");
        var processed = resumeAfter is null ? 0 : checkpoint?.GetInt32("Processed") ?? 0;
        var failed = resumeAfter is null ? 0 : checkpoint?.GetInt32("Failed") ?? 0;

        var blobs = new List<BlobItem>();
        var portalBlobs = 0;
        await foreach (var blob in raw.GetBlobsAsync(new GetBlobsOptions { Prefix = portal is null ? null : portal + "/" }, cancellationToken))
        {
            portalBlobs++;
            if (since is null || (blob.Properties.CreatedOn ?? blob.Properties.LastModified) >= since)
            {
                blobs.Add(blob);
            }
        }
        if (portal is not null && portalBlobs == 0)
        {
            // Most likely a typo: "nothing to do" would hide it. (A known portal with nothing since --since is fine.)
            await (error ?? output).WriteLineAsync(
                $"error: --portal '{portal}': {StorageNames.RawReportsContainer} has no blobs of that portal (their names start with the portal id, as in '{portal}/2023/…'). Check the id in the portals file.");
            return UsageError;
        }
        blobs.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        var todo = resumeAfter is null ? blobs : blobs.Where(b => string.CompareOrdinal(b.Name, resumeAfter) > 0).ToList();
        await output.WriteLineAsync(resumeAfter is null
            ? $"Reparsing {todo.Count} blobs with parser {ReportParserVersion.Current}."
            : $"Resuming after {resumeAfter}: {todo.Count} of {blobs.Count} blobs left ({processed} done before).");

        var done = 0;
        var saved = 0;
        string? last = null;
        try
        {
            foreach (var blob in todo)
            {
                cancellationToken.ThrowIfCancellationRequested();
                string line;
                try
                {
                    var outcome = await parse.RunAsync(blob.Name, null, NullLogger.Instance, cancellationToken);
                    line = outcome.Status == "parsed" ? $"{outcome.ReportId} ({outcome.Figures} figures, {outcome.Problems} problems)" : outcome.Status;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failed++;
                    line = $"FAILED: {e.Message}";
                }
                processed++;
                done++;
                last = blob.Name;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"[{done,5}/{todo.Count}] {blob.Name} -> {line}"));
                if (done % CheckpointEvery == 0 || done == todo.Count)
                {
                    await SaveAsync(checkpoints, runKey, blob.Name, processed, failed, done == todo.Count, since, portal, cancellationToken);
                    saved = done;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: keep what is done, so a resumed run redoes at most the blob that was in flight (writes are idempotent).
            if (done > saved)
            {
                await SaveAsync(checkpoints, runKey, last!, processed, failed, completed: false, since, portal, CancellationToken.None);
            }
            await output.WriteLineAsync(last is null
                ? "Interrupted before a blob was finished; nothing to save."
                : $"Interrupted: checkpoint saved after {last} ({processed} done); run the same command again to resume.");
            throw;
        }
        if (todo.Count == 0)
        {
            await SaveAsync(checkpoints, runKey, resumeAfter ?? "", processed, failed, completed: true, since, portal, cancellationToken);
        }
        await output.WriteLineAsync($"Reparse finished: {processed} blobs, {failed} failed.");
        return failed == 0 ? 0 : 1;
    }

    private static Task SaveAsync(TableClient checkpoints, string runKey, string lastBlob, int processed, int failed, bool completed,
        DateTimeOffset? since, string? portal, CancellationToken cancellationToken) =>
        checkpoints.UpsertEntityAsync(new TableEntity("reparse", runKey)
        {
            ["LastBlob"] = lastBlob,
            ["Processed"] = processed,
            ["Failed"] = failed,
            ["Completed"] = completed,
            ["Since"] = since,
            ["Portal"] = portal,
            ["ParserVersion"] = ReportParserVersion.Current,
        }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>A run is identified by its options and the parser version, so a new parser version starts afresh.</summary>
    private static string RunKey(DateTimeOffset? since, string? portal) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{since:O}|{portal}|{ReportParserVersion.Current}")))[..24];
}
