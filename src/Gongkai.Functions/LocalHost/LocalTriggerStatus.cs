using System.Collections.Concurrent;
using System.Text.Json;

namespace Gongkai.Functions.LocalHost;

/// <summary>What the local trigger driver has done, and whether it is idle (all work drained), for the demo and tests.</summary>
public sealed class LocalTriggerStatus(TimeProvider time)
{
    private readonly Lock _lock = new();
    private long _timerRuns;
    private long _queueInFlight;
    private long _blobInFlight;
    private long _activity;
    private long _queueIdleAt = -1;
    private long _blobIdleAt = -1;

    private long _messagesSucceeded;
    private long _messagesFailed;
    private long _messagesPoisoned;
    private long _blobsSucceeded;
    private long _blobsFailed;
    private long _blobsGaveUp;

    public long TimerRuns => Interlocked.Read(ref _timerRuns);
    public long MessagesSucceeded => Interlocked.Read(ref _messagesSucceeded);
    public long MessagesFailed => Interlocked.Read(ref _messagesFailed);
    public long MessagesPoisoned => Interlocked.Read(ref _messagesPoisoned);
    public long BlobsSucceeded => Interlocked.Read(ref _blobsSucceeded);
    public long BlobsFailed => Interlocked.Read(ref _blobsFailed);
    public long BlobsGaveUp => Interlocked.Read(ref _blobsGaveUp);

    internal void MessageSucceeded() => Interlocked.Increment(ref _messagesSucceeded);
    internal void MessageFailed() => Interlocked.Increment(ref _messagesFailed);
    internal void MessagePoisoned() => Interlocked.Increment(ref _messagesPoisoned);
    internal void BlobSucceeded() => Interlocked.Increment(ref _blobsSucceeded);
    internal void BlobFailed(string blob)
    {
        _failedBlobs.Enqueue(blob);
        Interlocked.Increment(ref _blobsFailed);
    }

    internal void BlobGaveUp(string blob)
    {
        _failedBlobs.Enqueue(blob);
        Interlocked.Increment(ref _blobsGaveUp);
    }

    private readonly ConcurrentQueue<JsonElement> _harvests = new();
    private readonly ConcurrentQueue<JsonElement> _parses = new();
    private readonly ConcurrentQueue<string> _failedBlobs = new();

    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

    /// <summary>What every successful HarvestPortal invocation returned (a harvest summary).</summary>
    public IReadOnlyList<JsonElement> Harvests => [.. _harvests];

    /// <summary>The blob of every failed ParseReport attempt (retried or given up), once per attempt.</summary>
    public IReadOnlyList<string> FailedBlobs => [.. _failedBlobs];

    /// <summary>What every successful ParseReport invocation returned (a parse outcome).</summary>
    public IReadOnlyList<JsonElement> Parses => [.. _parses];

    internal void HarvestReturned(object? summary)
    {
        if (summary is not null)
        {
            _harvests.Enqueue(JsonSerializer.SerializeToElement(summary, OutcomeJson));
        }
    }

    internal void ParseReturned(object? outcome)
    {
        if (outcome is not null)
        {
            _parses.Enqueue(JsonSerializer.SerializeToElement(outcome, OutcomeJson));
        }
    }

    /// <summary>Outcomes as JSON with the API's naming, the shape operators see in logs and the demo reads.</summary>
    private static readonly JsonSerializerOptions OutcomeJson = new(JsonSerializerDefaults.Web);

    internal void TimerRan() { lock (_lock) { _timerRuns++; _activity++; } }

    internal void QueueStarted() { lock (_lock) { _queueInFlight++; _activity++; } }

    internal void QueueFinished() { lock (_lock) { _queueInFlight--; _activity++; } }

    internal void BlobStarted() { lock (_lock) { _blobInFlight++; _activity++; } }

    internal void BlobFinished() { lock (_lock) { _blobInFlight--; _activity++; } }

    /// <summary>A poll found the queue empty.</summary>
    internal void QueueIdle() { lock (_lock) { _queueIdleAt = _activity; } }

    /// <summary>A scan found no blob version left to handle (none new, none waiting for a retry).</summary>
    internal void BlobIdle() { lock (_lock) { _blobIdleAt = _activity; } }

    /// <summary>True once the timer has run and, since the last piece of work anywhere, both the queue and the blob scan came up empty.</summary>
    public bool IsQuiescent => TimerRuns > 0 && IsDrained;

    /// <summary>True when, since the last piece of work, both the queue and the blob scan came up empty (timer or not).</summary>
    public bool IsDrained
    {
        get
        {
            lock (_lock)
            {
                return _queueInFlight == 0 && _blobInFlight == 0 && _queueIdleAt == _activity && _blobIdleAt == _activity;
            }
        }
    }

    public async Task WaitForQuiescenceAsync(TimeSpan pollInterval, CancellationToken cancellationToken, bool requireTimerRun = true)
    {
        while (requireTimerRun ? !IsQuiescent : !IsDrained)
        {
            await Task.Delay(pollInterval, time, cancellationToken);
        }
    }
}
