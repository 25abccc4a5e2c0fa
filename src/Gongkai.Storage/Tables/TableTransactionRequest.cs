using System.Text;

namespace Gongkai.Storage;

/// <summary>
/// The multipart/mixed body of an entity-group transaction: one batch holding one changeset with an embedded
/// HTTP request per action, each tagged with its zero-based index as Content-ID.
/// </summary>
internal sealed class TableTransactionRequest
{
    public const int MaxActions = 100;

    public TableTransactionRequest(Uri tableUri, IReadOnlyList<TableTransactionAction> actions)
    {
        var batchBoundary = "batch_" + Guid.NewGuid().ToString("N");
        var changesetBoundary = "changeset_" + Guid.NewGuid().ToString("N");
        ContentType = "multipart/mixed; boundary=" + batchBoundary;

        var body = new StringBuilder(actions.Count * 512);
        body.Append("--").Append(batchBoundary).Append("\r\n");
        body.Append("Content-Type: multipart/mixed; boundary=").Append(changesetBoundary).Append("\r\n\r\n");
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            var entity = action.Entity;
            var (method, withKeys, ifMatch, hasBody) = action.ActionType switch
            {
                TableTransactionActionType.Add => ("POST", false, null, true),
                TableTransactionActionType.UpsertMerge => ("MERGE", true, null, true),
                TableTransactionActionType.UpsertReplace => ("PUT", true, null, true),
                TableTransactionActionType.UpdateMerge => ("MERGE", true, action.IfMatch ?? "*", true),
                TableTransactionActionType.UpdateReplace => ("PUT", true, action.IfMatch ?? "*", true),
                TableTransactionActionType.Delete => ("DELETE", true, action.IfMatch ?? "*", false),
                _ => throw new ArgumentOutOfRangeException(nameof(actions), action.ActionType, "Unknown table transaction action."),
            };

            var target = tableUri.AbsoluteUri + (withKeys ? TableClient.EntityPath(entity.PartitionKey, entity.RowKey) : string.Empty);
            body.Append("--").Append(changesetBoundary).Append("\r\n");
            body.Append("Content-Type: application/http\r\n");
            body.Append("Content-Transfer-Encoding: binary\r\n\r\n");
            body.Append(method).Append(' ').Append(target).Append(" HTTP/1.1\r\n");
            body.Append("Accept: ").Append(TableClient.AcceptMinimalMetadata).Append("\r\n");
            body.Append("DataServiceVersion: 3.0\r\n");
            body.Append("Content-ID: ").Append(i).Append("\r\n");
            if (ifMatch is not null)
            {
                body.Append("If-Match: ").Append(ifMatch).Append("\r\n");
            }

            if (hasBody)
            {
                body.Append("Content-Type: ").Append(TableClient.JsonContentType).Append("\r\n");
                if (method == "POST")
                {
                    body.Append("Prefer: return-no-content\r\n");
                }

                body.Append("\r\n");
                body.Append(Encoding.UTF8.GetString(TableEntityJson.Serialize(entity))).Append("\r\n");
            }
            else
            {
                body.Append("\r\n");
            }
        }

        body.Append("--").Append(changesetBoundary).Append("--\r\n");
        body.Append("--").Append(batchBoundary).Append("--\r\n");
        Body = Encoding.UTF8.GetBytes(body.ToString());
    }

    public string ContentType { get; }

    public byte[] Body { get; }

    public static void Validate(IReadOnlyList<TableTransactionAction> actions)
    {
        if (actions.Count is 0 or > MaxActions)
        {
            throw new ArgumentException($"A table transaction has 1 to {MaxActions} actions; this one has {actions.Count}.", nameof(actions));
        }

        var partitionKey = actions[0].Entity?.PartitionKey;
        var rowKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < actions.Count; i++)
        {
            var entity = actions[i].Entity ?? throw new ArgumentException($"Action {i} has no entity.", nameof(actions));
            if (!string.Equals(entity.PartitionKey, partitionKey, StringComparison.Ordinal))
            {
                throw new ArgumentException($"All actions of a table transaction share one PartitionKey; action {i} has '{entity.PartitionKey}', action 0 '{partitionKey}'.", nameof(actions));
            }

            if (!rowKeys.Add(entity.RowKey))
            {
                throw new ArgumentException($"A table transaction touches each entity once; RowKey '{entity.RowKey}' appears again at action {i}.", nameof(actions));
            }
        }
    }
}
