using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Gongkai.Functions.Hosting;

/// <summary>Invocation counts since the process started, for <c>/api/health</c>, and the same as metrics on meter "Gongkai".</summary>
public sealed class FunctionCounters
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Counter<long> _invocations;
    private readonly Histogram<double> _duration;

    public FunctionCounters(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create("Gongkai");
        _invocations = meter.CreateCounter<long>("gongkai.function.invocations", description: "Function invocations by function and outcome.");
        _duration = meter.CreateHistogram<double>("gongkai.function.duration", unit: "ms", description: "Duration of successful invocations.");
    }

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    /// <summary>Runs one invocation of <paramref name="function"/>, counting it as it ends; a failure is rethrown for the host.</summary>
    public async Task<T> MeasureAsync<T>(string function, Func<Task<T>> invocation)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await invocation();
            Succeeded(function, Stopwatch.GetElapsedTime(started));
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Failed(function);
            throw;
        }
    }

    public void Succeeded(string function, TimeSpan duration)
    {
        var entry = _entries.GetOrAdd(function, _ => new Entry());
        Interlocked.Increment(ref entry.Succeeded);
        _invocations.Add(1, new KeyValuePair<string, object?>("function", function), new KeyValuePair<string, object?>("outcome", "success"));
        _duration.Record(duration.TotalMilliseconds, new KeyValuePair<string, object?>("function", function));
    }

    public void Failed(string function)
    {
        var entry = _entries.GetOrAdd(function, _ => new Entry());
        Interlocked.Increment(ref entry.Failed);
        _invocations.Add(1, new KeyValuePair<string, object?>("function", function), new KeyValuePair<string, object?>("outcome", "failure"));
    }

    public IReadOnlyDictionary<string, FunctionCount> Snapshot() =>
        _entries.OrderBy(e => e.Key, StringComparer.Ordinal)
            .ToDictionary(e => e.Key, e => new FunctionCount(Interlocked.Read(ref e.Value.Succeeded), Interlocked.Read(ref e.Value.Failed)));

    private sealed class Entry
    {
        public long Succeeded;
        public long Failed;
    }
}

public sealed record FunctionCount(long Succeeded, long Failed);
