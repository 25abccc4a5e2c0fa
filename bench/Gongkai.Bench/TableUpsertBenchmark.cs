using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Gongkai.Testing;

namespace Gongkai.Bench;

/// <summary>
/// Upserts N entities (10,000 by default) to Azurite one request at a time, then N more in 100-entity
/// entity-group transactions (<see cref="TableClient.SubmitTransactionAsync"/>), both through Azure.Data.Tables, and prints
/// entities/s for both and their ratio. Uses GONGKAI_TEST_STORAGE when set,
/// otherwise starts its own in-memory Azurite the way the tests do.
/// </summary>
internal static class TableUpsertBenchmark
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var entities = 10_000;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--entities" && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 100)
            {
                entities = n - (n % 100);
                i++;
            }
            else
            {
                Console.Error.WriteLine($"tables: unknown or invalid option '{args[i]}' (expected --entities N, N >= 100).");
                return 2;
            }
        }

        AzuriteServer? azurite = null;
        var connectionString = Environment.GetEnvironmentVariable(TestStorage.ConnectionStringVariable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Console.WriteLine("Starting Azurite (in memory)…");
            azurite = await AzuriteServer.StartAsync(cancellationToken);
            connectionString = azurite.ConnectionString;
        }

        try
        {
            var table = new TableServiceClient(connectionString).GetTableClient(TestStorage.UniqueName("bench"));
            await table.CreateIfNotExistsAsync(cancellationToken);

            // Warm-up: connection, JIT, Azurite's table creation paths.
            for (var i = 0; i < 50; i++)
            {
                await table.UpsertEntityAsync(Entity("warmup", i), cancellationToken: cancellationToken);
            }

            await table.SubmitTransactionAsync(Enumerable.Range(50, 100).Select(i => Upsert(Entity("warmup", i))).ToList(), cancellationToken);

            var single = Stopwatch.StartNew();
            for (var i = 0; i < entities; i++)
            {
                await table.UpsertEntityAsync(Entity("single", i), cancellationToken: cancellationToken);
            }

            single.Stop();

            var batched = Stopwatch.StartNew();
            for (var start = 0; start < entities; start += 100)
            {
                var actions = Enumerable.Range(start, 100).Select(i => Upsert(Entity("batched", i))).ToList();
                await table.SubmitTransactionAsync(actions, cancellationToken);
            }

            batched.Stop();

            var stored = await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"batched"}"), select: ["RowKey"], cancellationToken: cancellationToken).CountAsync(cancellationToken);
            if (stored != entities)
            {
                Console.Error.WriteLine($"tables: expected {entities} batched entities, found {stored}.");
                return 1;
            }

            await table.DeleteAsync(cancellationToken);

            var singleRate = entities / single.Elapsed.TotalSeconds;
            var batchedRate = entities / batched.Elapsed.TotalSeconds;
            Console.WriteLine($"Table upserts to Azurite, {entities:N0} entities each way ({Environment.ProcessorCount} cores)");
            Console.WriteLine($"  one by one:          {single.Elapsed.TotalSeconds,8:F2} s  {singleRate,10:N0} entities/s");
            Console.WriteLine($"  100-entity batches:  {batched.Elapsed.TotalSeconds,8:F2} s  {batchedRate,10:N0} entities/s");
            Console.WriteLine($"  ratio (batched / one by one): {batchedRate / singleRate:F1}x");
            return 0;
        }
        finally
        {
            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }
        }
    }

    private static TableEntity Entity(string partition, int i) => new(partition, i.ToString("D6", CultureInfo.InvariantCulture))
    {
        ["Url"] = $"https://www.gov.cn/zhengce/{i}.html",
        ["Title"] = "政府信息公开工作年度报告",
        ["Year"] = 2024,
        ["Bytes"] = 123_456L + i,
        ["FetchedAt"] = DateTimeOffset.UnixEpoch.AddSeconds(i),
    };

    private static TableTransactionAction Upsert(TableEntity entity) => new(TableTransactionActionType.UpsertMerge, entity);
}
