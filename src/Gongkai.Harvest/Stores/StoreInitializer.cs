using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Gongkai.Harvest.Stores;

/// <summary>Creates the harvester's containers and tables once per process (and again after a failure).</summary>
public sealed class StoreInitializer
{
    private readonly BlobServiceClient _blobs;
    private readonly TableServiceClient _tables;
    private readonly HarvestStoreNames _names;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _created;

    /// <summary>Creates the initializer.</summary>
    public StoreInitializer(BlobServiceClient blobs, TableServiceClient tables, HarvestStoreNames names)
    {
        _blobs = blobs;
        _tables = tables;
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

            await _blobs.GetBlobContainerClient(_names.RawReports).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await _blobs.GetBlobContainerClient(_names.Locks).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await _tables.GetTableClient(_names.CrawlState).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            await _tables.GetTableClient(_names.Failures).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            await _tables.GetTableClient(_names.HarvestRuns).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            _created = true;
        }
        finally
        {
            _gate.Release();
        }
    }
}
