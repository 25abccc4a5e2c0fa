using Gongkai.Storage;

namespace Gongkai.Functions.Records;

/// <summary>Writes a set of upserts and deletes as entity-group transactions: grouped by partition, at most 100 each.</summary>
internal static class TableBatches
{
    private const int MaxActions = 100;

    /// <summary>Replaces <paramref name="upserts"/> and deletes <paramref name="deletes"/> (rows already gone are fine).</summary>
    public static async Task WriteAsync(TableClient table, IEnumerable<TableEntity> upserts, IEnumerable<(string PartitionKey, string RowKey)> deletes, CancellationToken cancellationToken)
    {
        var actions = upserts.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e))
            .Concat(deletes.Select(d => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(d.PartitionKey, d.RowKey), "*")));
        foreach (var partition in actions.GroupBy(a => a.Entity.PartitionKey, StringComparer.Ordinal))
        {
            foreach (var chunk in partition.Chunk(MaxActions))
            {
                await SubmitAsync(table, [.. chunk], cancellationToken);
            }
        }
    }

    private static async Task SubmitAsync(TableClient table, List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        while (actions.Count > 0)
        {
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return;
            }
            catch (TableTransactionFailedException e) when (e.FailedIndex >= 0 && e.FailedIndex < actions.Count && actions[e.FailedIndex].ActionType == TableTransactionActionType.Delete)
            {
                // A delete of a row an interrupted earlier write already removed: the goal is reached, drop it and resubmit.
                actions.RemoveAt(e.FailedIndex);
            }
        }
    }
}
