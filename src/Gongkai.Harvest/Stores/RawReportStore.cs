using Gongkai.Storage;

namespace Gongkai.Harvest.Stores;

/// <summary>Writes raw report bytes to raw-reports, once per distinct content.</summary>
public sealed class RawReportStore
{
    private readonly BlobContainerClient _container;

    /// <summary>Creates the store.</summary>
    public RawReportStore(StorageAccount account, HarvestStoreNames names)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(names);
        _container = account.GetBlobContainer(names.RawReports);
    }

    /// <summary>The container.</summary>
    public BlobContainerClient Container => _container;

    /// <summary>
    /// Uploads the bytes under <paramref name="blobName"/> unless that blob exists. Returns true when this call created it;
    /// a concurrent or earlier upload of the same content is not an error (the name is the content's hash).
    /// </summary>
    public async Task<bool> StoreAsync(string blobName, byte[] content, RawReportInfo info, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var stream = new MemoryStream(content, writable: false);
        try
        {
            await _container.UploadAsync(blobName, stream, new BlobUploadOptions
            {
                ContentType = info.ContentType ?? "application/octet-stream",
                Metadata = RawReportBlob.ToMetadata(info),
                CreateOnly = true,
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (StorageRequestFailedException e) when (e.IsConflict || e.IsPreconditionFailed)
        {
            return false;
        }
    }
}
