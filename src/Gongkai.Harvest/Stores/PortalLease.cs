using Gongkai.Harvest.Telemetry;
using Gongkai.Storage;
using Microsoft.Extensions.Logging;

namespace Gongkai.Harvest.Stores;

/// <summary>
/// One harvest per portal across processes: a blob lease on harvest-locks/{portalId}, renewed at a third of its
/// duration while the run lasts. Losing it cancels the run, so two runs never fetch side by side.
/// </summary>
public sealed class PortalLease : IAsyncDisposable
{
    private readonly BlobContainerClient _container;
    private readonly string _blob;
    private readonly string _leaseId;
    private readonly CancellationTokenSource _lost;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewal;

    private PortalLease(BlobContainerClient container, string blob, string leaseId, TimeSpan duration, string portalId, ILogger logger, CancellationToken runToken)
    {
        _container = container;
        _blob = blob;
        _leaseId = leaseId;
        _lost = CancellationTokenSource.CreateLinkedTokenSource(runToken);
        _renewal = RenewAsync(duration / 3, portalId, logger);
    }

    /// <summary>Cancelled when the run's token is, or when the lease could not be renewed.</summary>
    public CancellationToken Token => _lost.Token;

    /// <summary>Takes the portal's lease, or returns null when another run holds it.</summary>
    public static async Task<PortalLease?> TryAcquireAsync(StorageAccount account, HarvestStoreNames names, string portalId, TimeSpan duration, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(names);
        var container = account.GetBlobContainer(names.Locks);
        var leaseId = await container.TryAcquireLeaseAsync(portalId, TimeSpan.FromSeconds(Math.Round(duration.TotalSeconds)), cancellationToken).ConfigureAwait(false);
        return leaseId is null ? null : new PortalLease(container, portalId, leaseId, duration, portalId, logger, cancellationToken);
    }

    private async Task RenewAsync(TimeSpan every, string portalId, ILogger logger)
    {
        try
        {
            while (true)
            {
                await Task.Delay(every, _stop.Token).ConfigureAwait(false);
                await _container.RenewLeaseAsync(_blob, _leaseId, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The run ended.
        }
        catch (Exception e) when (e is StorageRequestFailedException or HttpRequestException or IOException or Azure.RequestFailedException)
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
            await _container.ReleaseLeaseAsync(_blob, _leaseId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (StorageRequestFailedException)
        {
            // Expired or taken over already: nothing left to release; it lapses on its own.
        }

        _lost.Dispose();
        _stop.Dispose();
    }
}
