using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Gongkai.Harvest.Telemetry;
using Microsoft.Extensions.Logging;

namespace Gongkai.Harvest.Stores;

/// <summary>
/// One harvest per portal across processes: a blob lease on harvest-locks/{portalId}, renewed at a third of its
/// duration while the run lasts. Losing it cancels the run, so two runs never fetch side by side.
/// </summary>
public sealed class PortalLease : IAsyncDisposable
{
    private readonly BlobLeaseClient _lease;
    private readonly CancellationTokenSource _lost;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewal;

    private PortalLease(BlobLeaseClient lease, TimeSpan duration, string portalId, ILogger logger, CancellationToken runToken)
    {
        _lease = lease;
        _lost = CancellationTokenSource.CreateLinkedTokenSource(runToken);
        _renewal = RenewAsync(duration / 3, portalId, logger);
    }

    /// <summary>Cancelled when the run's token is, or when the lease could not be renewed.</summary>
    public CancellationToken Token => _lost.Token;

    /// <summary>Takes the portal's lease, or returns null when another run holds it.</summary>
    public static async Task<PortalLease?> TryAcquireAsync(BlobServiceClient blobs, HarvestStoreNames names, string portalId, TimeSpan duration, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(names);
        var blob = blobs.GetBlobContainerClient(names.Locks).GetBlockBlobClient(portalId);
        var lease = blob.GetBlobLeaseClient();
        var seconds = TimeSpan.FromSeconds(Math.Round(duration.TotalSeconds));
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await lease.AcquireAsync(seconds, cancellationToken: cancellationToken).ConfigureAwait(false);
                return new PortalLease(lease, duration, portalId, logger, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 409 && e.ErrorCode == "LeaseAlreadyPresent")
            {
                return null;
            }
            catch (RequestFailedException e) when (e.Status == 404 && attempt == 0)
            {
                // The portal's first run: the lock blob does not exist yet. Create it empty (unless a concurrent run did).
                await CreateLockBlobAsync(blob, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task CreateLockBlobAsync(BlockBlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            await blob.UploadAsync(Stream.Null, new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Created by a concurrent run, possibly leased already: the next acquire tells.
        }
    }

    private async Task RenewAsync(TimeSpan every, string portalId, ILogger logger)
    {
        try
        {
            while (true)
            {
                await Task.Delay(every, _stop.Token).ConfigureAwait(false);
                await _lease.RenewAsync(cancellationToken: _stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The run ended.
        }
        catch (Exception e) when (StorageFailure.Is(e) || e is HttpRequestException or IOException)
        {
            HarvestLog.LeaseLost(logger, portalId, e.Message);
            await _lost.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops renewing and releases the lease.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewal.ConfigureAwait(false);
        try
        {
            await _lease.ReleaseAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            // Expired or taken over already: nothing left to release; it lapses on its own.
        }

        _lost.Dispose();
        _stop.Dispose();
    }
}
