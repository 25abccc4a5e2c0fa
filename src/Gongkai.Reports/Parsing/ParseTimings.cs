using System.Diagnostics;

namespace Gongkai.Reports;

/// <summary>
/// Time spent in each stage of <see cref="ReportParser"/>, summed over the parses it is passed to (decode, html,
/// body, text, misdecoding, script, sections, metadata, metrics; html.tree is the part of html that builds the
/// element tree). For benchmarks and diagnostics; not thread-safe: one instance per thread.
/// </summary>
public sealed class ParseTimings
{
    private readonly Dictionary<string, long> ticks = new(StringComparer.Ordinal);

    /// <summary>The stages in the order they first ran, with their total time.</summary>
    public IReadOnlyList<(string Stage, TimeSpan Elapsed)> Stages =>
        ticks.Select(t => (t.Key, Stopwatch.GetElapsedTime(0, t.Value))).ToList();

    public void Clear() => ticks.Clear();

    internal void Add(string stage, long startTimestamp)
    {
        var elapsed = Stopwatch.GetTimestamp() - startTimestamp;
        ticks[stage] = ticks.GetValueOrDefault(stage) + elapsed;
    }
}
