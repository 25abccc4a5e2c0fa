using Gongkai.Reports.Numbers;

namespace Gongkai.Reports.Metrics;

/// <summary>
/// The figures read so far from one report. The first value stated for a key is kept; a later, different value is
/// reported as a conflict. Damaged figures are remembered so that recovery can work them out.
/// </summary>
internal sealed class FigureSet
{
    private readonly Dictionary<string, ReportMetric> metrics = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MetricProvenance> damaged = new(StringComparer.Ordinal);

    public List<ReportProblem> Problems { get; } = [];

    public IReadOnlyDictionary<string, ReportMetric> Metrics => metrics;

    public IReadOnlyDictionary<string, MetricProvenance> Damaged => damaged;

    public bool Contains(string key) => metrics.ContainsKey(key);

    public decimal? Get(string key) => metrics.TryGetValue(key, out var m) ? m.Value : null;

    public bool TryGet(string key, out decimal value)
    {
        if (metrics.TryGetValue(key, out var m))
        {
            value = m.Value;
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>Adds a figure unless the key already has one; a different value becomes a <c>figures.conflict</c>.</summary>
    public bool Add(string key, decimal value, MetricProvenance provenance)
    {
        value = Normalize(value);
        if (metrics.TryGetValue(key, out var existing))
        {
            if (existing.Value != value)
            {
                Problems.Add(new ReportProblem(
                    ProblemCodes.FiguresConflict,
                    $"{key}: {Describe(existing.Provenance)} states {NumberReader.Format(existing.Value)} but {Describe(provenance)} states {NumberReader.Format(value)}; kept {NumberReader.Format(existing.Value)} from {Describe(existing.Provenance)}.")
                {
                    Key = key,
                    Start = provenance.Start,
                    End = provenance.End,
                });
            }

            return false;
        }

        damaged.Remove(key);
        metrics[key] = new ReportMetric(key, value, provenance);
        return true;
    }

    /// <summary>Remembers a figure whose text is damaged (unless the key is already known).</summary>
    public void AddDamaged(string key, MetricProvenance provenance)
    {
        if (!metrics.ContainsKey(key))
        {
            damaged.TryAdd(key, provenance);
        }
    }

    public void Replace(string key, decimal value, MetricProvenance provenance)
    {
        value = Normalize(value);
        damaged.Remove(key);
        metrics[key] = new ReportMetric(key, value, provenance);
    }

    public void Problem(string code, string message, string? key = null, int? start = null, int? end = null) =>
        Problems.Add(new ReportProblem(code, message) { Key = key, Start = start, End = end });

    // 12.85 × 10000 is 128500.00 to decimal; the figure is 128500 (trailing zeros would show in JSON).
    private static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    internal static string Describe(MetricProvenance p) => p.Kind switch
    {
        ProvenanceKinds.Table => $"table {p.Table} row {p.Row} column {p.Column} (“{p.Text}”)",
        ProvenanceKinds.Sentence => $"the sentence at {p.Start} (“{p.Text}”)",
        _ => $"a {p.Kind} figure",
    };
}
