using Azure;
using Azure.Data.Tables;
using Gongkai.Functions.LocalHost;
using Gongkai.Harvest.Stores;
using Microsoft.Extensions.Options;

namespace Gongkai.Functions.Records;

/// <summary>
/// Parse failures in the shared Failures table (partition <c>parse</c>, one row per raw blob): written on every failed
/// attempt with the reason and the attempt count, marked <c>failed</c> on the attempt that reaches the blob trigger's
/// poison threshold (host.json's <c>extensions:blobs:poisonBlobThreshold</c>; the host then moves the blob to
/// <see cref="HostPoisonQueue"/>), and <c>resolved</c> when a later attempt succeeds.
/// </summary>
public sealed class ParseFailures(RecordStorage storage, IOptions<BlobTriggerOptions> trigger, TimeProvider time)
{
    public const string Partition = "parse";

    /// <summary>Where the Functions host puts a blob trigger's message after its last failed attempt.</summary>
    public const string HostPoisonQueue = "webjobs-blobtrigger-poison";

    public const string Retrying = "retrying";
    public const string Failed = "failed";
    public const string Resolved = "resolved";

    /// <summary>
    /// Records one failed attempt. The count is kept here rather than taken from the invocation: a blob trigger
    /// carries no dequeue count (Event Grid-sourced or scanned), and this row is what operators read anyway.
    /// </summary>
    public async Task<ParseAttempt> RecordAttemptAsync(ReportVersion version, Exception error, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.FailuresTable, cancellationToken);
        var key = TableKey.Encode(version.Blob);
        var existing = await table.FindAsync(Partition, key, ["Attempts", "Status"], cancellationToken);
        var attempts = existing?.GetString("Status") == Resolved ? 1 : (existing?.GetInt32("Attempts") ?? 0) + 1;
        var gaveUp = attempts >= trigger.Value.MaxDequeueCount;
        var reason = Describe(error);
        var row = new TableEntity(Partition, key)
        {
            ["Stage"] = "parse",
            ["Blob"] = version.Blob,
            ["Url"] = version.SourceUrl,
            ["PortalId"] = version.PortalId,
            ["Error"] = reason,
            ["Attempts"] = attempts,
            ["Status"] = gaveUp ? Failed : Retrying,
            ["OccurredAt"] = time.GetUtcNow(),
        };
        if (gaveUp)
        {
            row["GaveUpReason"] = reason;
        }
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        return new ParseAttempt(attempts, gaveUp, reason);
    }

    /// <summary>The trigger gave up on the blob (retries exhausted): the row says so, with the last reason kept.</summary>
    public async Task RecordGaveUpAsync(string blob, string reason, int attempts, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.FailuresTable, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(Partition, TableKey.Encode(blob))
        {
            ["Stage"] = "parse",
            ["Blob"] = blob,
            ["Status"] = Failed,
            ["Attempts"] = attempts,
            ["GaveUpReason"] = reason,
            ["OccurredAt"] = time.GetUtcNow(),
        }, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task ResolveAsync(string blob, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.FailuresTable, cancellationToken);
        var existing = await table.FindAsync(Partition, TableKey.Encode(blob), ["Status"], cancellationToken);
        if (existing is not null && existing.GetString("Status") != Resolved)
        {
            await table.UpsertEntityAsync(new TableEntity(Partition, TableKey.Encode(blob)) { ["Status"] = Resolved, ["ResolvedAt"] = time.GetUtcNow() },
                TableUpdateMode.Merge, cancellationToken);
        }
    }

    /// <summary>The reason, without stack traces or anything request-specific that could carry a secret.</summary>
    private static string Describe(Exception error) => error switch
    {
        _ when StorageFailure.Is(error) => StorageFailure.Describe(error),
        _ => $"{error.GetType().Name}: {error.Message}",
    };
}

/// <summary>One recorded failed attempt: how many there have been, and whether this one gave the blob up.</summary>
public sealed record ParseAttempt(int Attempts, bool GaveUp, string Reason);
