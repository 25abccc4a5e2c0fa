using Azure;
using Azure.Data.Tables;
using Gongkai.Functions.Records;
using Gongkai.Harvest.Stores;
using Microsoft.Extensions.Options;

namespace Gongkai.Functions.LocalHost;

/// <summary>
/// Receipts for the local blob trigger, like the host's own (azure-webjobs-hosts/blobreceipts): one row per blob
/// version (name + ETag) in the BlobReceipts table. A row is claimed before the function runs, so two processes never
/// run the same version at once and a restarted one neither repeats finished work nor loses unfinished work.
/// </summary>
public sealed class BlobReceipts(RecordStorage storage, TimeProvider time, IOptions<LocalHostOptions> options)
{
    private readonly string _owner = Guid.NewGuid().ToString("N");

    public static string Key(string blob, string etag) => TableKey.Encode(blob + "|" + etag);

    /// <summary>The keys of every version already handled (parsed, or given up on) in <paramref name="container"/>.</summary>
    public async Task<HashSet<string>> LoadFinishedAsync(string container, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.BlobReceiptsTable, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {container} and Status ne {ReceiptStatus.Running} and Status ne {ReceiptStatus.Retry}");
        var finished = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, 1000, ["RowKey"], cancellationToken))
        {
            finished.Add(row.RowKey);
        }
        return finished;
    }

    /// <summary>Claims a version for this process; the claim says which attempt this is. Null when it is not ours to run now.</summary>
    public async Task<ReceiptClaim?> TryClaimAsync(string container, string blob, string etag, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.BlobReceiptsTable, cancellationToken);
        var key = Key(blob, etag);
        var now = time.GetUtcNow();
        try
        {
            await table.AddEntityAsync(Row(container, key, blob, etag, ReceiptStatus.Running, 1, now), cancellationToken);
            return new ReceiptClaim(container, key, blob, etag, 1, Finished: false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await table.FindAsync(container, key, null, cancellationToken);
            if (existing is null)
            {
                return null;
            }
            var state = existing.GetString("Status");
            if (state is ReceiptStatus.Completed or ReceiptStatus.GaveUp)
            {
                return new ReceiptClaim(container, key, blob, etag, existing.GetInt32("Attempts") ?? 1, Finished: true);
            }
            var claimedAt = existing.GetDateTimeOffset("ClaimedAt") ?? DateTimeOffset.MinValue;
            var nextAttemptAt = existing.GetDateTimeOffset("NextAttemptAt") ?? DateTimeOffset.MinValue;
            var available = state == ReceiptStatus.Retry ? nextAttemptAt <= now : claimedAt + options.Value.ReceiptTimeout <= now;
            if (!available)
            {
                return null;
            }
            var attempt = (existing.GetInt32("Attempts") ?? 0) + 1;
            try
            {
                await table.UpdateEntityAsync(Row(container, key, blob, etag, ReceiptStatus.Running, attempt, now), existing.ETag, TableUpdateMode.Replace, cancellationToken);
                return new ReceiptClaim(container, key, blob, etag, attempt, Finished: false);
            }
            catch (RequestFailedException raced) when (raced.Status == 412)
            {
                return null;
            }
        }
    }

    public async Task CompleteAsync(ReceiptClaim claim, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.BlobReceiptsTable, cancellationToken);
        await table.UpsertEntityAsync(Row(claim.Container, claim.Key, claim.Blob, claim.ETag, ReceiptStatus.Completed, claim.Attempt, time.GetUtcNow()), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Records a failed attempt: retried after a doubling delay, or given up on when <paramref name="giveUp"/>.</summary>
    public async Task FailAsync(ReceiptClaim claim, string reason, bool giveUp, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.BlobReceiptsTable, cancellationToken);
        var now = time.GetUtcNow();
        var row = Row(claim.Container, claim.Key, claim.Blob, claim.ETag, giveUp ? ReceiptStatus.GaveUp : ReceiptStatus.Retry, claim.Attempt, now);
        row["LastError"] = reason.Length > 1000 ? reason[..1000] : reason;
        row["NextAttemptAt"] = now + (options.Value.BlobRetryDelay * Math.Pow(2, claim.Attempt - 1));
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Hands an unfinished claim back (stopping), so the next process does not wait for the timeout.</summary>
    public async Task ReleaseAsync(ReceiptClaim claim, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.BlobReceiptsTable, cancellationToken);
        var now = time.GetUtcNow();
        var row = Row(claim.Container, claim.Key, claim.Blob, claim.ETag, ReceiptStatus.Retry, claim.Attempt - 1, now);
        row["NextAttemptAt"] = now;
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    private TableEntity Row(string container, string key, string blob, string etag, string status, int attempts, DateTimeOffset now) => new(container, key)
    {
        ["Blob"] = blob,
        ["ETag"] = etag,
        ["Status"] = status,
        ["Attempts"] = attempts,
        ["ClaimedAt"] = now,
        ["Owner"] = _owner,
    };
}

public sealed record ReceiptClaim(string Container, string Key, string Blob, string ETag, int Attempt, bool Finished);

public static class ReceiptStatus
{
    public const string Running = "running";
    public const string Retry = "retry";
    public const string Completed = "completed";
    public const string GaveUp = "gaveup";
}
