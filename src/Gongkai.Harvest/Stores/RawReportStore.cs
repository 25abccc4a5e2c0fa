using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Gongkai.Harvest.Stores;

/// <summary>Writes raw report bytes to raw-reports, once per distinct content.</summary>
public sealed class RawReportStore
{
    private readonly BlobContainerClient _container;

    /// <summary>Creates the store.</summary>
    public RawReportStore(BlobServiceClient blobs, HarvestStoreNames names)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(names);
        _container = blobs.GetBlobContainerClient(names.RawReports);
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
        ArgumentNullException.ThrowIfNull(info);
        try
        {
            await _container.GetBlobClient(blobName).UploadAsync(new BinaryData(content), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = info.ContentType ?? "application/octet-stream" },
                Metadata = BlobMetadataEncoding.EncodeAll(RawReportBlob.ToMetadata(info)),
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }
}
