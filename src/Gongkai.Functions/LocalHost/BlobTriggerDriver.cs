using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Gongkai.Functions.Hosting;
using Gongkai.Functions.Records;
using Gongkai.Harvest.Stores;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gongkai.Functions.LocalHost;

/// <summary>
/// The local blob trigger: scans the container ParseReport's <c>[BlobTrigger]</c> path names, and calls the function once per
/// blob version (name + ETag) that has no receipt yet, like the host's polling blob trigger. A version that keeps
/// failing is tried <c>maxDequeueCount</c> times, then recorded as a failure and left alone; others carry on.
/// </summary>
public sealed partial class BlobTriggerDriver(
    FunctionInvoker invoker, RecordStorage storage, BlobReceipts receipts, ParseFailures failures,
    IOptions<BlobTriggerOptions> blobOptions, IOptions<LocalHostOptions> localOptions, LocalTriggerStatus status, TimeProvider time,
    IHostApplicationLifetime lifetime, ILogger<BlobTriggerDriver> logger) : BackgroundService
{
    private readonly DeclaredFunction _function = FunctionCatalog.Get(FunctionNames.ParseReport);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await HostStarted.WaitAsync(lifetime, stoppingToken);
        var path = ((BlobTriggerAttribute)_function.Trigger).BlobPath;
        var containerName = path.Split('/', 2)[0];
        var inFlight = new ConcurrentDictionary<string, Task>(StringComparer.Ordinal);
        using var slots = new SemaphoreSlim(blobOptions.Value.MaxDegreeOfParallelism);
        try
        {
            var container = await storage.ContainerAsync(containerName, stoppingToken);
            var finished = new ConcurrentDictionary<string, bool>((await receipts.LoadFinishedAsync(containerName, stoppingToken)).Select(k => KeyValuePair.Create(k, true)), StringComparer.Ordinal);
            while (!stoppingToken.IsCancellationRequested)
            {
                var waiting = false;
                try
                {
                    await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }, stoppingToken))
                    {
                        var etag = blob.Properties.ETag?.ToString() ?? "";
                        var key = BlobReceipts.Key(blob.Name, etag);
                        if (finished.ContainsKey(key) || inFlight.ContainsKey(key))
                        {
                            continue;
                        }
                        var claim = await receipts.TryClaimAsync(containerName, blob.Name, etag, stoppingToken);
                        if (claim is null)
                        {
                            waiting = true;
                            continue;
                        }
                        if (claim.Finished)
                        {
                            finished[key] = true;
                            continue;
                        }
                        await slots.WaitAsync(stoppingToken);
                        status.BlobStarted();
                        // Registered before it starts, so its own removal when done cannot come first.
                        var run = new Task<Task>(() => RunAsync(container, blob, claim, finished, inFlight, slots, stoppingToken));
                        inFlight[key] = run.Unwrap();
                        run.Start(TaskScheduler.Default);
                    }
                }
                catch (Exception e) when (StorageFailure.Is(e) || e is HttpRequestException)
                {
                    LogScanFailed(logger, containerName, e.Message);
                    waiting = true;
                }
                if (!waiting && inFlight.IsEmpty)
                {
                    status.BlobIdle();
                }
                await Task.Delay(localOptions.Value.BlobScanInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: running invocations finish or hand their receipts back below.
        }
        await Task.WhenAll(inFlight.Values);
    }

    private async Task RunAsync(BlobContainerClient container, BlobItem blob, ReceiptClaim claim, ConcurrentDictionary<string, bool> finished,
        ConcurrentDictionary<string, Task> inFlight, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            // The blob as the worker binds it: a client (the function reads the bytes itself), and {name} from the path.
            var report = container.GetBlobClient(blob.Name);
            string reason;
            try
            {
                var outcome = await invoker.InvokeAsync(_function, report, new Dictionary<string, object?> { ["name"] = blob.Name }, stoppingToken);
                await receipts.CompleteAsync(claim, CancellationToken.None);
                finished[claim.Key] = true;
                status.ParseReturned(outcome);
                status.BlobSucceeded();
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                reason = $"{e.GetType().Name}: {e.Message}";
            }
            var giveUp = claim.Attempt >= blobOptions.Value.MaxDequeueCount;
            await receipts.FailAsync(claim, reason, giveUp, stoppingToken);
            if (giveUp)
            {
                await failures.RecordGaveUpAsync(blob.Name, reason, claim.Attempt, stoppingToken);
                finished[claim.Key] = true;
                status.BlobGaveUp(blob.Name);
                LogGaveUp(logger, blob.Name, claim.Attempt, reason);
            }
            else
            {
                status.BlobFailed(blob.Name);
                LogRetry(logger, blob.Name, claim.Attempt, reason);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await receipts.ReleaseAsync(claim, CancellationToken.None);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            // The receipt could not be written; it times out and the version is picked up again.
            LogScanFailed(logger, blob.Name, e.Message);
        }
        finally
        {
            inFlight.TryRemove(claim.Key, out _);
            slots.Release();
            status.BlobFinished();
        }
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "Scanning {Container} failed: {Reason}")]
    private static partial void LogScanFailed(ILogger logger, string container, string reason);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "Parsing {Blob} failed on attempt {Attempt}, will retry: {Reason}")]
    private static partial void LogRetry(ILogger logger, string blob, int attempt, string reason);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Error, Message = "Parsing {Blob} failed {Attempt} times; recorded as a failure: {Reason}")]
    private static partial void LogGaveUp(ILogger logger, string blob, int attempt, string reason);
}
