using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Gongkai.Functions.Records;

/// <summary>The tables, containers and queues the function app uses, created once per process on first use.</summary>
public sealed class RecordStorage(BlobServiceClient blobs, QueueServiceClient queues, TableServiceClient tables)
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> _created = new(StringComparer.Ordinal);

    public BlobServiceClient Blobs => blobs;

    public QueueServiceClient Queues => queues;

    public TableServiceClient Tables => tables;

    public async Task<TableClient> TableAsync(string name, CancellationToken cancellationToken)
    {
        var table = tables.GetTableClient(name);
        await EnsureAsync("table:" + name, () => table.CreateIfNotExistsAsync(CancellationToken.None));
        return table;
    }

    public async Task<BlobContainerClient> ContainerAsync(string name, CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(name);
        await EnsureAsync("container:" + name, () => container.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None));
        return container;
    }

    public async Task<QueueClient> QueueAsync(string name, CancellationToken cancellationToken)
    {
        var queue = queues.GetQueueClient(name);
        await EnsureAsync("queue:" + name, () => queue.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None));
        return queue;
    }

    private async Task EnsureAsync(string key, Func<Task> create)
    {
        var lazy = _created.GetOrAdd(key, _ => new Lazy<Task>(create));
        try
        {
            await lazy.Value;
        }
        catch
        {
            // Let the next caller try again rather than caching a transient failure forever.
            _created.TryRemove(new KeyValuePair<string, Lazy<Task>>(key, lazy));
            throw;
        }
    }
}
