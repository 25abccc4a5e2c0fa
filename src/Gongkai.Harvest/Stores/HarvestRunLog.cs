using Gongkai.Storage;

namespace Gongkai.Harvest.Stores;

/// <summary>The HarvestRuns table: PartitionKey = portal id, RowKey = reverse start time + run id (newest first).</summary>
public sealed class HarvestRunLog
{
    private readonly TableClient _table;

    /// <summary>Creates the log.</summary>
    public HarvestRunLog(StorageAccount account, HarvestStoreNames names)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(names);
        _table = account.GetTable(names.HarvestRuns);
    }

    /// <summary>Writes the run's summary row.</summary>
    public Task RecordAsync(HarvestSummary summary, DateTimeOffset startedAt, string outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var entity = new TableEntity(summary.PortalId, FailureLog.ReverseTimeKey(startedAt))
        {
            ["RunId"] = summary.RunId,
            ["Outcome"] = outcome,
            ["StartedAt"] = startedAt,
            ["FinishedAt"] = startedAt + summary.Duration,
            ["DurationMs"] = (long)summary.Duration.TotalMilliseconds,
            ["PagesListed"] = summary.PagesListed,
            ["ReportsFound"] = summary.ReportsFound,
            ["New"] = summary.New,
            ["Changed"] = summary.Changed,
            ["Unchanged"] = summary.Unchanged,
            ["NotDue"] = summary.NotDue,
            ["Disallowed"] = summary.Disallowed,
            ["Failed"] = summary.Failed,
            ["Bytes"] = summary.Bytes,
            ["StoredBlobs"] = summary.StoredBlobs.Count,
        };
        return _table.AddEntityAsync(entity, cancellationToken);
    }

    /// <summary>When the portal's newest completed run finished, if any.</summary>
    public async Task<DateTimeOffset?> LastCompletedAsync(string portalId, CancellationToken cancellationToken)
    {
        var filter = TableFilter.Eq("PartitionKey", portalId).And(TableFilter.Eq("Outcome", "completed"));
        // Row keys sort newest first, so the first completed row is the latest one.
        await foreach (var e in _table.QueryAsync(filter, ["FinishedAt"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            return e.GetDateTimeOffset("FinishedAt");
        }

        return null;
    }
}
