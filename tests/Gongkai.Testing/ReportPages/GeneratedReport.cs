namespace Gongkai.Testing.ReportPages;

/// <summary>A generated report page and the figures it states.</summary>
/// <param name="Format"><c>2021</c>, <c>2019</c> or <c>pre2019</c>.</param>
/// <param name="Figures">Canonical key → value for the main figures the page states (a subset of all it states).</param>
public sealed record GeneratedReport(string Format, string FileName, byte[] Content, IReadOnlyDictionary<string, decimal> Figures);
