using Gongkai.Storage;

namespace Gongkai.Functions.Records;

/// <summary>
/// Parse failures in the shared Failures table (partition <c>parse</c>, one row per raw blob): written on every failed
/// attempt with the reason and the attempt count, marked <c>failed</c> when the trigger gives up, and
/// <c>resolved</c> when a later attempt succeeds.
/// </summary>
public sealed class ParseFailures(RecordStorage storage, TimeProvider time)
{
    public const string Partition = "parse";

    public async Task RecordAttemptAsync(ReportVersion version, Exception error, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.FailuresTable, cancellationToken);
        var key = TableKey.Encode(version.Blob);
        var existing = await table.GetEntityAsync(Partition, key, ["Attempts", "Status"], cancellationToken);
        var attempts = existing?.GetString("Status") == "resolved" ? 1 : (existing?.GetInt32("Attempts") ?? 0) + 1;
        await table.UpsertEntityAsync(new TableEntity(Partition, key)
        {
            ["Stage"] = "parse",
            ["Blob"] = version.Blob,
            ["Url"] = version.SourceUrl,
            ["PortalId"] = version.PortalId,
            ["Error"] = Describe(error),
            ["Attempts"] = attempts,
            ["Status"] = "retrying",
            ["OccurredAt"] = time.GetUtcNow(),
        }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The trigger gave up on the blob (retries exhausted): the row says so, with the last reason kept.</summary>
    public async Task RecordGaveUpAsync(string blob, string reason, int attempts, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.FailuresTable, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(Partition, TableKey.Encode(blob))
        {
            ["Stage"] = "parse",
            ["Blob"] = blob,
            ["Status"] = "failed",
            ["Attempts"] = attempts,
            ["GaveUpReason"] = reason,
            ["OccurredAt"] = time.GetUtcNow(),
        }, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task ResolveAsync(string blob, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.FailuresTable, cancellationToken);
        var existing = await table.GetEntityAsync(Partition, TableKey.Encode(blob), ["Status"], cancellationToken);
        if (existing is not null && existing.GetString("Status") != "resolved")
        {
            await table.UpsertEntityAsync(new TableEntity(Partition, TableKey.Encode(blob)) { ["Status"] = "resolved", ["ResolvedAt"] = time.GetUtcNow() },
                TableUpdateMode.Merge, cancellationToken);
        }
    }

    /// <summary>The reason, without stack traces or anything request-specific that could carry a secret.</summary>
    private static string Describe(Exception error) => error switch
    {
        StorageRequestFailedException s => $"storage {s.Status} {s.ErrorCode}",
        _ => $"{error.GetType().Name}: {error.Message}",
    };
}
