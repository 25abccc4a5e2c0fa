using Azure.Data.Tables;

namespace Gongkai.Harvest.Stores;

/// <summary>The HarvestRuns table: PartitionKey = portal id, RowKey = reverse start time + run id (newest first).</summary>
public sealed class HarvestRunLog
{
    private readonly TableClient _table;

    /// <summary>Creates the log.</summary>
    public HarvestRunLog(TableServiceClient tables, HarvestStoreNames names)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(names);
        _table = tables.GetTableClient(names.HarvestRuns);
    }

    /// <summary>Writes the run's summary row.</summary>
    public async Task RecordAsync(HarvestSummary summary, DateTimeOffset startedAt, string outcome, CancellationToken cancellationToken)
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
        await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>When the portal's newest completed run finished, if any.</summary>
    public async Task<DateTimeOffset?> LastCompletedAsync(string portalId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {portalId} and Outcome eq {"completed"}");
        // Row keys sort newest first, so the first completed row is the latest one.
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, select: ["FinishedAt"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            return e.GetDateTimeOffset("FinishedAt");
        }

        return null;
    }
}
