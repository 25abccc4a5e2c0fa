using Azure;
using Azure.Data.Tables;

namespace Gongkai.Functions.Records;

/// <summary>Writes a set of inserts, upserts and deletes as entity-group transactions: grouped by partition, at most 100 each.</summary>
internal static class TableBatches
{
    private const int MaxActions = 100;

    /// <summary>
    /// Writes <paramref name="inserts"/> (rows believed new) and <paramref name="upserts"/> (rows that may exist), and
    /// deletes <paramref name="deletes"/> (rows already gone are fine).
    /// </summary>
    /// <remarks>
    /// An insert costs the service one lookup where an upsert costs two (Azurite looks the row up, then inserts it), and
    /// nearly every row of a report parsed for the first time is new. When one is not (a write interrupted after its index
    /// rows, or a concurrent writer of the same report), its batch is resubmitted with upserts.
    /// </remarks>
    public static async Task WriteAsync(TableClient table, IEnumerable<TableEntity> inserts, IEnumerable<TableEntity> upserts,
        IEnumerable<(string PartitionKey, string RowKey)> deletes, CancellationToken cancellationToken)
    {
        var actions = inserts.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e))
            .Concat(upserts.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)))
            .Concat(deletes.Select(d => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(d.PartitionKey, d.RowKey), ETag.All)));
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
            catch (TableTransactionFailedException e) when (Failed(e, actions) is TableTransactionActionType.Delete && e.Status == 404)
            {
                // A delete of a row an interrupted earlier write already removed: the goal is reached, drop it and resubmit.
                actions.RemoveAt(e.FailedTransactionActionIndex!.Value);
            }
            catch (TableTransactionFailedException e) when (Failed(e, actions) is TableTransactionActionType.Add && e.Status == 409)
            {
                // A row believed new is there already: write the whole batch as upserts, which is what the rows mean.
                actions = [.. actions.Select(a => a.ActionType == TableTransactionActionType.Add ? new TableTransactionAction(TableTransactionActionType.UpsertReplace, a.Entity) : a)];
            }
        }
    }

    private static TableTransactionActionType? Failed(TableTransactionFailedException e, List<TableTransactionAction> actions) =>
        e.FailedTransactionActionIndex is int index && index >= 0 && index < actions.Count ? actions[index].ActionType : null;
}
