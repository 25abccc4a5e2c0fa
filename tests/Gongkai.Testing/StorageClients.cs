using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;

namespace Gongkai.Testing;

/// <summary>The three service clients of one storage account, made the way the app registers them (queues in base64).</summary>
public sealed record StorageClients(BlobServiceClient Blobs, QueueServiceClient Queues, TableServiceClient Tables)
{
    public static StorageClients For(string connectionString) => new(
        new BlobServiceClient(connectionString),
        new QueueServiceClient(connectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }),
        new TableServiceClient(connectionString));

    /// <summary>Stores a blob as a test fixture (creating the container), with metadata as given: ASCII values only.</summary>
    public async Task<BlobClient> UploadAsync(string container, string name, byte[] content, string? contentType = null, IDictionary<string, string>? metadata = null)
    {
        var client = Blobs.GetBlobContainerClient(container);
        await client.CreateIfNotExistsAsync().ConfigureAwait(false);
        var blob = client.GetBlobClient(name);
        await blob.UploadAsync(new BinaryData(content), new BlobUploadOptions
        {
            HttpHeaders = contentType is null ? null : new BlobHttpHeaders { ContentType = contentType },
            Metadata = metadata,
        }).ConfigureAwait(false);
        return blob;
    }

    /// <summary>Every row of a table (created if missing), optionally filtered.</summary>
    public async Task<List<TableEntity>> RowsAsync(string table, string? filter = null)
    {
        var client = Tables.GetTableClient(table);
        await client.CreateIfNotExistsAsync().ConfigureAwait(false);
        var rows = new List<TableEntity>();
        await foreach (var row in client.QueryAsync<TableEntity>(filter).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return rows;
    }
}
