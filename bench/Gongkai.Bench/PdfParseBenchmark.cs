using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Gongkai.Reports;
using Gongkai.Testing.Documents;
using Gongkai.Testing.ReportPages;
using UglyToad.PdfPig;

namespace Gongkai.Bench;

/// <summary>
/// <c>parse --pdf [--pages N] [--seconds S]</c>: single-threaded parse throughput over generated reports printed to
/// PDF (<see cref="ReportPdfWriter"/>, the three formats, tables split over pages): pages/s and MB/s for the full
/// <see cref="ReportParser"/> against PdfPig's bare text extraction of the same files (open, every page's
/// <c>Text</c>), measured in alternating passes, with the ratio and peak memory.
/// </summary>
public static class PdfParseBenchmark
{
    public static Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var count = ParseBenchmark.Option(args, "--pages", 12);
        var seconds = ParseBenchmark.Option(args, "--seconds", 5);
        var formats = new[] { "2021", "2019", "pre2019" };
        GCSettings.LatencyMode = GCLatencyMode.Batch;
        var reports = Enumerable.Range(0, count)
            .Select(i => ReportPageGenerator.Generate(formats[i % 3], seed: 2000 + i, targetBytes: 30_000 + (i * 7919 % 50_000)))
            .Select(page =>
            {
                var layout = ReportLayout.FromPage(page.Content, page.FileName);
                return (Page: page, Pdf: ReportPdfWriter.Write(layout, layout.Blocks[0].Text));
            })
            .ToList();
        var bytes = reports.Sum(r => (long)r.Pdf.Length);
        var pages = reports.Sum(r => PageCount(r.Pdf));
        Console.WriteLine($"parse --pdf benchmark: {reports.Count} generated reports printed to PDF, {pages} pages, {bytes / 1024.0 / reports.Count:F1} KB on average, single thread, {seconds}s per workload in alternating passes");

        var parser = new ReportParser();
        var wrong = 0;
        foreach (var (page, pdf) in reports)
        {
            var report = parser.Parse(new ReportSource(pdf) { FileName = "report.pdf" });
            foreach (var (key, value) in page.Figures.Where(f => !report.Metrics.TryGetValue(f.Key, out var m) || m.Value != f.Value))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  wrong: {page.FileName} {key} expected {value}, read {(report.Metrics.TryGetValue(key, out var m) ? m.Value : null)}"));
                wrong++;
            }
        }

        Console.WriteLine($"figures check: {reports.Sum(r => r.Page.Figures.Count) - wrong} of {reports.Sum(r => r.Page.Figures.Count)} expected figures read correctly");
        var workloads = new Func<int, object>[]
        {
            i => parser.Parse(new ReportSource(reports[i].Pdf) { FileName = "report.pdf" }),
            i => BareText(reports[i].Pdf),
        };
        var (measured, ratios) = ParseBenchmark.MeasureInterleaved(reports.Count, seconds * workloads.Length, workloads, cancellationToken);
        Report("full parse (ReportParser.Parse)", measured[0], bytes, pages, reports.Count);
        Report("bare PdfPig text extraction", measured[1], bytes, pages, reports.Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio full parse / bare extraction: {measured[0].SecondsPerPass / measured[1].SecondsPerPass:F2}x wall, {measured[0].CpuSecondsPerPass / measured[1].CpuSecondsPerPass:F2}x CPU over the run; median of {ratios.Wall.Count} rounds {ParseBenchmark.Median(ratios.Wall):F2}x wall, {ParseBenchmark.Median(ratios.Cpu):F2}x CPU"));
        using var self = Process.GetCurrentProcess();
        Console.WriteLine($"peak working set: {self.PeakWorkingSet64 / 1024.0 / 1024.0:F1} MB; GC heap now ~{GC.GetGCMemoryInfo().HeapSizeBytes / 1024.0 / 1024.0:F1} MB; allocated {GC.GetTotalAllocatedBytes() / 1024.0 / 1024.0:F0} MB in total");
        return Task.FromResult(wrong == 0 ? 0 : 1);
    }

    private static int PageCount(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.NumberOfPages;
    }

    private static int BareText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var characters = 0;
        foreach (var page in document.GetPages())
        {
            characters += page.Text.Length;
        }

        return characters;
    }

    private static void Report(string name, ParseBenchmark.Measurement m, long bytes, int pages, int reports) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-34} wall: {pages / m.SecondsPerPass,7:F0} pages/s {reports / m.SecondsPerPass,6:F1} reports/s {bytes / m.SecondsPerPass / 1024 / 1024,6:F2} MB/s | per CPU-second: {pages / m.CpuSecondsPerPass,7:F0} pages/s {bytes / m.CpuSecondsPerPass / 1024 / 1024,6:F2} MB/s | {m.AllocatedPerReport / 1024.0,7:F0} KB allocated/report"));
}
