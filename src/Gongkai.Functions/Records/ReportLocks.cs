using Gongkai.Storage;

namespace Gongkai.Functions.Records;

/// <summary>
/// One writer per report at a time, across processes and instances: a blob lease per report id. Parsing happens
/// outside the lock; only the read-compare-write of the report's rows is serialised.
/// </summary>
public sealed class ReportLocks(RecordStorage storage, TimeProvider time)
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(90);

    public async Task<IAsyncDisposable> AcquireAsync(string reportId, CancellationToken cancellationToken)
    {
        var container = await storage.ContainerAsync(StorageNames.ReportLocksContainer, cancellationToken);
        var started = time.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            var leaseId = await container.TryAcquireLeaseAsync(reportId, LeaseDuration, cancellationToken);
            if (leaseId is not null)
            {
                return new Lease(container, reportId, leaseId);
            }
            if (time.GetElapsedTime(started) > GiveUpAfter)
            {
                throw new TimeoutException($"Report {reportId} stayed locked by another writer for {GiveUpAfter.TotalSeconds:0} s.");
            }
            await Task.Delay(delay, time, cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1000));
        }
    }

    private sealed class Lease(BlobContainerClient container, string name, string leaseId) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await container.ReleaseLeaseAsync(name, leaseId, CancellationToken.None);
            }
            catch (StorageRequestFailedException)
            {
                // The lease expires by itself within LeaseDuration; failing to release early only delays the next writer.
            }
        }
    }
}
