using System.ComponentModel.DataAnnotations;

namespace Gongkai.Functions.LocalHost;

/// <summary>
/// The queue trigger's behaviour, read from host.json's <c>extensions:queues</c> (and <c>AzureFunctionsJobHost__…</c>
/// overrides) exactly as the Functions host reads it, so local runs retry and poison the way Azure does.
/// </summary>
public sealed class QueueTriggerOptions
{
    [Range(1, 32)]
    public int BatchSize { get; set; } = 16;

    [Range(0, 1000)]
    public int NewBatchThreshold { get; set; } = 8;

    [Range(1, 100)]
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>How long a failed message stays invisible before its retry.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.Zero;

    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// The blob trigger's behaviour, from host.json's <c>extensions:blobs</c>. Read by the function itself (ParseReport
/// marks a blob failed on its last attempt, under the host as locally) and by the local scanner.
/// </summary>
public sealed class BlobTriggerOptions
{
    [Range(1, 64)]
    public int MaxDegreeOfParallelism { get; set; } = 8;

    /// <summary>
    /// Attempts per blob before it is given up: host.json's <c>extensions:blobs:poisonBlobThreshold</c> (the host's
    /// default is 5), after which the host moves it to <c>webjobs-blobtrigger-poison</c> and the Failures row says failed.
    /// </summary>
    [Range(1, 100)]
    public int MaxDequeueCount { get; set; } = 5;
}

/// <summary>Settings of the local trigger driver itself (section <c>Gongkai:LocalHost</c>); none apply in Azure.</summary>
public sealed class LocalHostOptions
{
    /// <summary>Local-only: outside Azure the Functions host does this work and none of these apply.</summary>
    public const string ConfigurationPath = "Gongkai:LocalHost";

    /// <summary>How often raw-reports is scanned for new blob versions.</summary>
    public TimeSpan BlobScanInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A receipt claimed by a process that stopped without finishing is taken over after this long.</summary>
    public TimeSpan ReceiptTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Delay before a failed blob is tried again (doubling per attempt).</summary>
    public TimeSpan BlobRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a received harvest message stays invisible while it runs; renewed at half-time.</summary>
    public TimeSpan QueueLeaseTime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Run the timer function once at startup (<c>serve --run-now</c>).</summary>
    public bool RunNow { get; set; }

    /// <summary>
    /// False: <c>gongkai serve</c> runs without the trigger driver, serving the API and the invocation endpoints only (as
    /// <c>--no-triggers</c>), e.g. beside another process that drives the same storage. Under the Functions host the
    /// driver is off whatever this says.
    /// </summary>
    public bool TriggersEnabled { get; set; } = true;
}
