using System.Text;

namespace Gongkai.Storage;

/// <summary>How an update treats properties the sent entity does not have: Merge keeps them, Replace drops them.</summary>
public enum TableUpdateMode
{
    Merge,
    Replace,
}

/// <summary>Where the next page of a query starts. <see cref="ToToken"/> makes an opaque string for a caller to hand back.</summary>
public sealed record TableContinuation(string NextPartitionKey, string? NextRowKey)
{
    public string ToToken() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(NextPartitionKey + "\n" + (NextRowKey ?? string.Empty)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Reads a token from <see cref="ToToken"/>; throws <see cref="FormatException"/> on anything else.</summary>
    public static TableContinuation Parse(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var base64 = token.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var written))
        {
            throw new FormatException("The continuation token is not valid.");
        }

        var text = Encoding.UTF8.GetString(bytes, 0, written);
        var newline = text.IndexOf('\n');
        if (newline <= 0)
        {
            throw new FormatException("The continuation token is not valid.");
        }

        var rowKey = text[(newline + 1)..];
        return new TableContinuation(text[..newline], rowKey.Length == 0 ? null : rowKey);
    }

    public static bool TryParse(string? token, out TableContinuation? continuation)
    {
        continuation = null;
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        try
        {
            continuation = Parse(token);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

/// <summary>One page of query results; <see cref="Next"/> is null on the last page.</summary>
public sealed record TablePage(IReadOnlyList<TableEntity> Items, TableContinuation? Next);

public enum TableTransactionActionType
{
    Add,
    UpsertMerge,
    UpsertReplace,
    UpdateMerge,
    UpdateReplace,
    Delete,
}

/// <summary>One operation of an entity-group transaction. Updates and deletes use <paramref name="IfMatch"/> (default <c>*</c>).</summary>
public sealed record TableTransactionAction(TableTransactionActionType ActionType, TableEntity Entity, string? IfMatch = null);

/// <summary>An entity-group transaction the service rejected; nothing in it was applied.</summary>
public sealed class TableTransactionFailedException : Exception
{
    public TableTransactionFailedException(int failedIndex, StorageRequestFailedException inner)
        : base($"Table transaction operation {failedIndex} failed: {inner.Message}", inner)
    {
        FailedIndex = failedIndex;
    }

    /// <summary>The zero-based index of the action that failed, or -1 when the service did not say.</summary>
    public int FailedIndex { get; }

    /// <summary>The failing operation's error (status, code, request id).</summary>
    public StorageRequestFailedException Error => (StorageRequestFailedException)InnerException!;

    public int Status => Error.Status;

    public string? ErrorCode => Error.ErrorCode;
}
