using System.Diagnostics;
using System.Globalization;
using Gongkai.Storage;
using Gongkai.Testing;

namespace Gongkai.Bench;

internal static class StorageFloorBenchmark
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var n = EndToEndBenchmark.Argument(args, "--entities", 10_000);
        var payload = EndToEndBenchmark.Argument(args, "--payload", 2_000);
        await using var azurite = await AzuriteServer.StartAsync(cancellationToken);
        var account = StorageAccount.FromConnectionString(azurite.ConnectionString);
        var text = new string('报', payload);
        foreach (var unique in new[] { true })
        {
            var table = account.GetTable(unique ? "Unique" : "Empty");
            await table.CreateIfNotExistsAsync(cancellationToken);
            var clock = Stopwatch.StartNew();
            await Parallel.ForAsync(0, n, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, ct) =>
            {
                var id = i.ToString("D6", CultureInfo.InvariantCulture);
                await table.UpsertEntityAsync(new TableEntity(id, unique ? id : "") { ["Text"] = text }, TableUpdateMode.Replace, ct);
            });
            Console.WriteLine($"seed {(unique ? "unique" : "empty")} {clock.Elapsed.TotalSeconds:0.0}s");
            foreach (var conc in new[] { 100, 1, 10, 100, 100 })
            {
                var lat = new double[2000];
                var next = -1;
                clock.Restart();
                await Task.WhenAll(Enumerable.Range(0, conc).Select(_ => Task.Run(async () =>
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < lat.Length)
                    {
                        var id = ((i * 7919L) % n).ToString("D6", CultureInfo.InvariantCulture);
                        var s = Stopwatch.GetTimestamp();
                        var e = await table.GetEntityAsync(id, unique ? id : "", null, cancellationToken);
                        lat[i] = Stopwatch.GetElapsedTime(s).TotalMilliseconds;
                        if (e is null) throw new InvalidOperationException();
                    }
                })));
                var el = clock.Elapsed;
                Array.Sort(lat);
                Console.WriteLine($"{(unique ? "unique" : "empty")} conc {conc}: p50 {lat[1000]:0.0} p99 {lat[1980]:0.0} ms, {lat.Length / el.TotalSeconds:0} req/s");
            }
        }
        var container = account.GetBlobContainer("floor");
        await container.CreateIfNotExistsAsync(cancellationToken);
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        await Parallel.ForAsync(0, n, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            using var ms = new MemoryStream(bytes);
            await container.UploadAsync(i.ToString("D6", CultureInfo.InvariantCulture) + ".json", ms, new BlobUploadOptions(), ct);
        });
        foreach (var conc in new[] { 100, 100, 1, 100 })
        {
            var lat = new double[1000];
            var next = -1;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, conc).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < lat.Length)
                {
                    var s = Stopwatch.GetTimestamp();
                    await using var d = await container.DownloadAsync(((i * 7919L) % n).ToString("D6", CultureInfo.InvariantCulture) + ".json", cancellationToken);
                    await d.Content.CopyToAsync(Stream.Null, cancellationToken);
                    lat[i] = Stopwatch.GetElapsedTime(s).TotalMilliseconds;
                }
            })));
            var el = clock.Elapsed;
            Array.Sort(lat);
            Console.WriteLine($"blob conc {conc}: p50 {lat[500]:0.0} p99 {lat[990]:0.0} ms, {lat.Length / el.TotalSeconds:0} req/s");
        }
        return 0;
    }
}
