using System.Collections.Concurrent;
using Gongkai.Storage;

namespace Gongkai.Functions.Records;

/// <summary>The tables and containers the function app uses, created once per process on first use.</summary>
public sealed class RecordStorage(StorageAccount account)
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> _created = new(StringComparer.Ordinal);

    public StorageAccount Account => account;

    public async Task<TableClient> TableAsync(string name, CancellationToken cancellationToken)
    {
        var table = account.GetTable(name);
        await EnsureAsync("table:" + name, () => table.CreateIfNotExistsAsync(CancellationToken.None));
        return table;
    }

    public async Task<BlobContainerClient> ContainerAsync(string name, CancellationToken cancellationToken)
    {
        var container = account.GetBlobContainer(name);
        await EnsureAsync("container:" + name, () => container.CreateIfNotExistsAsync(CancellationToken.None));
        return container;
    }

    public async Task<QueueClient> QueueAsync(string name, CancellationToken cancellationToken)
    {
        var queue = account.GetQueue(name);
        await EnsureAsync("queue:" + name, () => queue.CreateIfNotExistsAsync(CancellationToken.None));
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
