using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text;
using Gongkai.Reports;
using Gongkai.Testing.ReportPages;
using HtmlAgilityPack;

namespace Gongkai.Bench;

/// <summary>
/// <c>parse [--pages N] [--seconds S] [--stages]</c>: single-threaded parse throughput over generated report pages of all three
/// formats (30–80 KB each): reports/s and MB/s for the full <see cref="ReportParser"/>, the figures side alone
/// (<see cref="MetricExtractor"/> on already-read documents), and HtmlAgilityPack's bare <c>LoadHtml</c> of the
/// same bytes, with the ratio full parse ÷ bare load, and peak memory. <c>--stages</c> adds where a full parse spends
/// its time, stage by stage (<see cref="ParseTimings"/>). The GC runs non-concurrent (batch latency) so the process's
/// CPU time is the parse's own work plus its collections, not a background GC thread's.
/// </summary>
public static class ParseBenchmark
{
    public static Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args.Contains("--pdf"))
        {
            return PdfParseBenchmark.RunAsync(args, cancellationToken);
        }

        var pageCount = Option(args, "--pages", 60);
        var seconds = Option(args, "--seconds", 5);
        var stages = args.Contains("--stages");
        var formats = new[] { "2021", "2019", "pre2019" };
        GCSettings.LatencyMode = GCLatencyMode.Batch;
        var pages = Enumerable.Range(0, pageCount)
            .Select(i => ReportPageGenerator.Generate(formats[i % 3], seed: 1000 + i, targetBytes: 30_000 + (i * 7919 % 50_000)))
            .ToList();
        var bytes = pages.Sum(p => (long)p.Content.Length);
        Console.WriteLine($"parse benchmark: {pages.Count} generated pages (2021, 2019, pre-2019), {bytes / 1024.0 / pages.Count:F1} KB on average, single thread, {seconds}s per workload in alternating passes");
        Console.WriteLine($"GC: {(GCSettings.IsServerGC ? "server" : "workstation")}, latency mode {GCSettings.LatencyMode}");

        var parser = new ReportParser();
        var wrong = 0;
        foreach (var page in pages)
        {
            var report = parser.Parse(new ReportSource(page.Content) { FileName = page.FileName, ContentType = "text/html; charset=utf-8" });
            wrong += page.Figures.Count(f => !report.Metrics.TryGetValue(f.Key, out var m) || m.Value != f.Value);
        }

        Console.WriteLine($"figures check: {pages.Sum(p => p.Figures.Count) - wrong} of {pages.Sum(p => p.Figures.Count)} expected figures read correctly");

        var documents = pages.Select(p => parser.ReadDocument(new ReportSource(p.Content) { FileName = p.FileName })).ToList();

        // The three workloads run in alternating passes, so a load change on a shared machine hits them alike;
        // the ratio is the median of the per-round ratios.
        var workloads = new Func<int, object>[]
        {
            i => parser.Parse(new ReportSource(pages[i].Content) { FileName = pages[i].FileName, ContentType = "text/html; charset=utf-8" }),
            i => MetricExtractor.Extract(documents[i]),
            i =>
            {
                var document = new HtmlDocument();
                document.LoadHtml(Encoding.UTF8.GetString(pages[i].Content));
                return document;
            },
        };
        var (measured, ratios) = MeasureInterleaved(pages.Count, seconds * workloads.Length, workloads, cancellationToken);
        var (full, figuresOnly, bare) = (measured[0], measured[1], measured[2]);

        if (stages)
        {
            ReportStages(parser, pages, seconds, cancellationToken);
        }

        Report("full parse (ReportParser.Parse)", full, bytes, pages.Count);
        Report("figures only (MetricExtractor)", figuresOnly, bytes, pages.Count);
        Report("bare HtmlAgilityPack LoadHtml", bare, bytes, pages.Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio full parse / bare LoadHtml: {full.SecondsPerPass / bare.SecondsPerPass:F2}x wall, {full.CpuSecondsPerPass / bare.CpuSecondsPerPass:F2}x CPU over the run; median of {ratios.Wall.Count} rounds {Median(ratios.Wall):F2}x wall, {Median(ratios.Cpu):F2}x CPU"));
        using var self = Process.GetCurrentProcess();
        var gc = GC.GetGCMemoryInfo();
        Console.WriteLine($"peak working set: {self.PeakWorkingSet64 / 1024.0 / 1024.0:F1} MB; GC heap peak this run ~{gc.HeapSizeBytes / 1024.0 / 1024.0:F1} MB; gen0/1/2 collections: {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, GC pauses {GC.GetTotalPauseDuration().TotalSeconds:F2}s; allocated {GC.GetTotalAllocatedBytes() / 1024.0 / 1024.0:F0} MB in total");
        return Task.FromResult(wrong == 0 ? 0 : 1);
    }

    private static void ReportStages(ReportParser parser, List<GeneratedReport> pages, int seconds, CancellationToken cancellationToken)
    {
        var timings = new ParseTimings();
        var stopwatch = Stopwatch.StartNew();
        var parsed = 0;
        while (stopwatch.Elapsed.TotalSeconds < seconds && !cancellationToken.IsCancellationRequested)
        {
            foreach (var page in pages)
            {
                GC.KeepAlive(parser.Parse(new ReportSource(page.Content) { FileName = page.FileName, ContentType = "text/html; charset=utf-8" }, timings));
                parsed++;
            }
        }

        var total = timings.Stages.Where(s => !s.Stage.Contains('.', StringComparison.Ordinal)).Sum(s => s.Elapsed.TotalMilliseconds);
        // Stage timing runs after the interleaved measurement: JIT is warm; the bench's GC mode applies here too.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stages of a full parse ({parsed} parses, wall time, {total / parsed:F3} ms/report in stages):"));
        foreach (var (stage, elapsed, allocated) in timings.Stages)
        {
            var ms = elapsed.TotalMilliseconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {stage,-12} {ms / parsed,8:F3} ms/report {100 * ms / total,5:F1} % {allocated / 1024.0 / parsed,7:F1} KB/report"));
        }
    }

    internal static (Measurement[] Measured, (List<double> Wall, List<double> Cpu) Ratios) MeasureInterleaved(
        int count, int seconds, Func<int, object>[] workloads, CancellationToken cancellationToken)
    {
        // Warm up for a second each (at least one pass) so tiered JIT has compiled the hot code before measuring.
        foreach (var work in workloads)
        {
            var warmUp = Stopwatch.StartNew();
            do
            {
                Pass(count, work);
            }
            while (warmUp.Elapsed.TotalSeconds < 1 && !cancellationToken.IsCancellationRequested);
        }

        var wall = new double[workloads.Length];
        var cpu = new double[workloads.Length];
        var allocated = new long[workloads.Length];
        var ratios = (Wall: new List<double>(), Cpu: new List<double>());
        var passes = 0;
        using var process = Process.GetCurrentProcess();
        var total = Stopwatch.StartNew();
        while ((passes == 0 || total.Elapsed.TotalSeconds < seconds) && !cancellationToken.IsCancellationRequested)
        {
            var roundWall = new double[workloads.Length];
            var roundCpu = new double[workloads.Length];
            for (var w = 0; w < workloads.Length; w++)
            {
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                var stopwatch = Stopwatch.StartNew();
                Pass(count, workloads[w]);
                roundWall[w] = stopwatch.Elapsed.TotalSeconds;
                process.Refresh();
                roundCpu[w] = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
                allocated[w] += GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
                wall[w] += roundWall[w];
                cpu[w] += roundCpu[w];
            }

            ratios.Wall.Add(roundWall[0] / roundWall[^1]);
            ratios.Cpu.Add(roundCpu[0] / Math.Max(roundCpu[^1], 1e-6));
            passes++;
        }

        var measured = Enumerable.Range(0, workloads.Length)
            .Select(w => new Measurement(wall[w] / passes, cpu[w] / passes, allocated[w] / passes / count))
            .ToArray();
        return (measured, ratios);
    }

    private static void Pass(int count, Func<int, object> work)
    {
        for (var i = 0; i < count; i++)
        {
            GC.KeepAlive(work(i));
        }
    }

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static void Report(string name, Measurement m, long bytes, int count) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-34} wall: {count / m.SecondsPerPass,7:F0} reports/s {bytes / m.SecondsPerPass / 1024 / 1024,6:F1} MB/s | per CPU-second: {count / m.CpuSecondsPerPass,7:F0} reports/s {bytes / m.CpuSecondsPerPass / 1024 / 1024,6:F1} MB/s | {m.AllocatedPerReport / 1024.0,6:F0} KB allocated/report"));

    internal static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    /// <param name="CpuSecondsPerPass">Processor time of the whole process per pass (GC and JIT threads included):
    /// on a shared machine this, not wall time, says what one core does.</param>
    internal sealed record Measurement(double SecondsPerPass, double CpuSecondsPerPass, long AllocatedPerReport);
}
