using Azure.Data.Tables;

namespace Gongkai.Functions.Records;

/// <summary>Point reads where a missing row is an answer, not an error.</summary>
public static class TableReads
{
    /// <summary>The row, or null when there is none (the SDK's 404 is not an exception here).</summary>
    public static async Task<TableEntity?> FindAsync(this TableClient table, string partitionKey, string rowKey, IEnumerable<string>? select, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, select, cancellationToken);
        return response.HasValue ? response.Value : null;
    }
}
