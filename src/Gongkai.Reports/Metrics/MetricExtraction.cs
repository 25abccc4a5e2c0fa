namespace Gongkai.Reports;

/// <summary>The figures side's reading of a report.</summary>
/// <param name="Metrics">Canonical key → figure with provenance; absent keys were not stated.</param>
/// <param name="Problems">What the figures side found: missing tables, conflicts, failed checks, damage, recoveries.</param>
/// <param name="Format"><c>2021</c>, <c>2019</c>, <c>pre2019</c> or <c>unknown</c> (see <see cref="ReportFormats"/>).</param>
public sealed record MetricExtraction(
    IReadOnlyDictionary<string, ReportMetric> Metrics,
    IReadOnlyList<ReportProblem> Problems,
    string Format);
