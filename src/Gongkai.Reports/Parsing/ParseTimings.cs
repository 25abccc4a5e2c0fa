using System.Diagnostics;

namespace Gongkai.Reports;

/// <summary>
/// Time spent and memory allocated in each stage of <see cref="ReportParser"/>, summed over the parses it is passed to (decode, html,
/// body, text, misdecoding, script, sections, metadata, metrics; html.tree is the part of html that builds the
/// element tree). For benchmarks and diagnostics; not thread-safe: one instance per thread.
/// </summary>
public sealed class ParseTimings
{
    private readonly Dictionary<string, (long Ticks, long Bytes)> totals = new(StringComparer.Ordinal);

    /// <summary>The stages in the order they first ran, with their total time and bytes allocated (on the parsing thread).</summary>
    public IReadOnlyList<(string Stage, TimeSpan Elapsed, long Allocated)> Stages =>
        totals.Select(t => (t.Key, Stopwatch.GetElapsedTime(0, t.Value.Ticks), t.Value.Bytes)).ToList();

    public void Clear() => totals.Clear();

    internal static (long Timestamp, long Allocated) Start() => (Stopwatch.GetTimestamp(), GC.GetAllocatedBytesForCurrentThread());

    internal void Add(string stage, (long Timestamp, long Allocated) started)
    {
        var (ticks, bytes) = totals.GetValueOrDefault(stage);
        totals[stage] = (ticks + Stopwatch.GetTimestamp() - started.Timestamp, bytes + GC.GetAllocatedBytesForCurrentThread() - started.Allocated);
    }
}
