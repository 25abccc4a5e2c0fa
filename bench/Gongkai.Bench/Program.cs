namespace Gongkai.Bench;

/// <summary>
/// Runs one benchmark by name: <c>dotnet run -c Release --project bench/Gongkai.Bench -- &lt;name&gt; [args]</c>.
/// Each benchmark lives in its own file; add it here with one line.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        var name = args.Length > 0 ? args[0] : string.Empty;
        var rest = args.Skip(1).ToArray();
        return name switch
        {
            "tables" => await TableUpsertBenchmark.RunAsync(rest, cancellation.Token),
            "parse" => await ParseBenchmark.RunAsync(rest, cancellation.Token),
            "end-to-end" => await EndToEndBenchmark.RunAsync(rest, cancellation.Token),
            "queries" => await QueryBenchmark.RunAsync(rest, cancellation.Token),
            "harvest" => await HarvestBenchmark.RunAsync(rest, cancellation.Token),
            _ => Usage(name),
        };
    }

    private static int Usage(string name)
    {
        if (name.Length > 0)
        {
            Console.Error.WriteLine($"unknown benchmark '{name}'.");
        }

        Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Gongkai.Bench -- <benchmark> [options]");
        Console.Error.WriteLine("benchmarks:");
        Console.Error.WriteLine("  tables [--entities N]   Table upserts to Azurite: one by one vs 100-entity transactions");
        Console.Error.WriteLine("  parse [--pages N] [--seconds S] [--stages]   single-threaded parse throughput vs bare HtmlAgilityPack LoadHtml (--stages: time and allocation per parser stage)");
        Console.Error.WriteLine("  parse --pdf [--pages N] [--seconds S]        the same for reports printed to PDF, vs PdfPig's bare text extraction of the same files");
        Console.Error.WriteLine("  end-to-end [--reports N]   harvest → queryable for N generated reports (default 1000) through the local triggers");
        Console.Error.WriteLine("  queries [--reports N] [--requests N] [--concurrency N]   p50/p99 of /api/reports/{id} and /api/metrics/{key} at 100 concurrent requests, beside the same reads sent to storage alone");
        Console.Error.WriteLine("  harvest [--pages N] [--polite-pages N] [--delay-ms N] [--hanweb-pages N]   loopback portal harvest: pages/s and peak memory, the per-host rate with politeness on, then a Hanweb column through its jpage proxy");
        return 2;
    }
}
