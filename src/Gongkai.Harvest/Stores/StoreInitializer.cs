using Gongkai.Storage;

namespace Gongkai.Harvest.Stores;

/// <summary>Creates the harvester's containers and tables once per process (and again after a failure).</summary>
public sealed class StoreInitializer
{
    private readonly StorageAccount _account;
    private readonly HarvestStoreNames _names;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _created;

    /// <summary>Creates the initializer.</summary>
    public StoreInitializer(StorageAccount account, HarvestStoreNames names)
    {
        _account = account;
        _names = names;
    }

    /// <summary>Creates whatever is missing.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (_created)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_created)
            {
                return;
            }

            await _account.GetBlobContainer(_names.RawReports).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            await _account.GetBlobContainer(_names.Locks).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            await _account.GetTable(_names.CrawlState).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            await _account.GetTable(_names.Failures).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            await _account.GetTable(_names.HarvestRuns).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            _created = true;
        }
        finally
        {
            _gate.Release();
        }
    }
}
