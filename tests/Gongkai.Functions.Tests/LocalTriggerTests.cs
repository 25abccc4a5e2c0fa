using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Gongkai.Functions.Functions;
using Gongkai.Functions.LocalHost;
using Gongkai.Functions.Records;
using Gongkai.Functions.Tests.Infrastructure;
using Gongkai.Harvest.Stores;
using Gongkai.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Functions.Tests;

/// <summary>The local trigger driver behaves like the host: restarts lose and repeat nothing, retries end in poison or a recorded failure.</summary>
[Collection(PipelineCollection.Name)]
public sealed class LocalTriggerTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_restart_mid_pipeline_loses_nothing_and_duplicates_nothing()
    {
        // A fresh emulator: this test counts every row.
        await using var azurite = await AzuriteServer.StartAsync();
        await using var sample = await SamplePipeline.StartAsync();

        int parsedWhenStopping;
        LocalTriggerStatus firstStatus;
        // The first process scans for blobs only every 3 s, and stops as soon as its harvest is done: some reports are
        // stored but not parsed yet, some may be parsing.
        await using (var first = await RunningHost.StartAsync(azurite.ConnectionString, triggers: true, runNow: true,
            settings: sample.Settings(new Dictionary<string, string?> { ["Gongkai:LocalHost:BlobScanInterval"] = "00:00:03" })))
        {
            using var timeout = new CancellationTokenSource(Settle);
            while (first.Triggers.MessagesSucceeded < 1)
            {
                await Task.Delay(20, timeout.Token);
            }
            firstStatus = first.Triggers;
            parsedWhenStopping = firstStatus.Parses.Count(p => p.GetProperty("status").GetString() == "parsed");
        }
        Assert.InRange(parsedWhenStopping, 0, 13);

        await using var second = await RunningHost.StartAsync(azurite.ConnectionString, triggers: true, runNow: false, settings: sample.Settings());
        using (var timeout = new CancellationTokenSource(Settle))
        {
            await second.Triggers.WaitForQuiescenceAsync(TimeSpan.FromMilliseconds(100), timeout.Token, requireTimerRun: false);
        }
        Assert.Equal(0, second.Triggers.MessagesSucceeded);

        var account = StorageClients.For(azurite.ConnectionString);
        var pages = new List<string>();
        await foreach (var blob in account.Blobs.GetBlobContainerClient(StorageNames.RawReportsContainer).GetBlobsAsync())
        {
            if (ParseReportFunction.IsParseable(blob.Properties.ContentType))
            {
                pages.Add(blob.Name);
            }
        }
        var mapped = new List<string>();
        await foreach (var row in account.Tables.GetTableClient(StorageNames.ReportBlobsTable).QueryAsync<TableEntity>())
        {
            mapped.Add(row.GetString("Blob")!);
        }
        Assert.Equal(14, pages.Count);
        Assert.Equal(pages.Order(StringComparer.Ordinal), mapped.Order(StringComparer.Ordinal));

        var reports = new List<TableEntity>();
        await foreach (var row in account.Tables.GetTableClient(StorageNames.ReportsTable).QueryAsync<TableEntity>())
        {
            reports.Add(row);
        }
        Assert.Equal(14, reports.Count);
        var yearRows = 0;
        await foreach (var row in account.Tables.GetTableClient(StorageNames.ReportIndexTable).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey ge {"y:"} and PartitionKey lt {"y;"}")))
        {
            yearRows++;
        }
        Assert.Equal(14, yearRows);

        // Each blob version was handed to the function once in total, apart from what the first process was running when it stopped.
        var receipts = new List<TableEntity>();
        await foreach (var row in account.Tables.GetTableClient(StorageNames.BlobReceiptsTable).QueryAsync<TableEntity>())
        {
            receipts.Add(row);
        }
        Assert.All(receipts, r => Assert.Equal(ReceiptStatus.Completed, r.GetString("Status")));
        var parses = firstStatus.Parses.Count + second.Triggers.Parses.Count;
        Assert.InRange(parses, receipts.Count, receipts.Count + 8);
    }

    [Fact]
    public async Task A_message_that_keeps_failing_goes_to_the_poison_queue_after_five_attempts()
    {
        await using var sample = await SamplePipeline.StartAsync();
        await using var host = await RunningHost.StartAsync(storageFixture, triggers: true, settings: sample.Settings());
        var account = storageFixture.Clients;
        var queue = account.Queues.GetQueueClient(StorageNames.HarvestRequestsQueue);
        await queue.CreateIfNotExistsAsync();
        var poison = account.Queues.GetQueueClient(StorageNames.HarvestRequestsPoisonQueue);
        await poison.CreateIfNotExistsAsync();
        var text = "not a portal id " + Guid.NewGuid().ToString("N");
        await queue.SendMessageAsync(text);

        using var timeout = new CancellationTokenSource(Settle);
        while (host.Triggers.MessagesPoisoned < 1)
        {
            await Task.Delay(100, timeout.Token);
        }
        Assert.Equal(4, host.Triggers.MessagesFailed);
        var poisoned = (await poison.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30))).Value;
        Assert.Contains(poisoned, m => m.Body.ToString() == text);
    }

    [Fact]
    public async Task A_blob_that_keeps_failing_is_recorded_as_a_failure_and_does_not_block_others()
    {
        var account = storageFixture.Clients;
        var raw = account.Blobs.GetBlobContainerClient(StorageNames.RawReportsContainer);
        await raw.CreateIfNotExistsAsync();
        var parsed = account.Blobs.GetBlobContainerClient(StorageNames.ParsedReportsContainer);
        await parsed.CreateIfNotExistsAsync();
        var id = Guid.NewGuid().ToString("N");
        var bad = $"failing-portal/2020/{id}-bad.html";
        var good = $"failing-portal/2020/{id}-good.html";
        // Someone else holds a lease on where the bad blob's parse must be written: every attempt fails with 412.
        var parsedBad = parsed.GetBlobClient(ParsedReportStore.NameFor(bad));
        await parsedBad.UploadAsync(BinaryData.Empty);
        var lease = parsedBad.GetBlobLeaseClient();
        await lease.AcquireAsync(TimeSpan.FromSeconds(60));
        foreach (var name in new[] { bad, good })
        {
            await raw.GetBlobClient(name).UploadAsync(BinaryData.FromString("<html><body><h1>失败测试局2020年政府信息公开工作年度报告</h1></body></html>"), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "text/html; charset=utf-8" },
                Metadata = new Dictionary<string, string> { ["portalid"] = "failing-portal", ["sourceurl"] = "http://127.0.0.1/" + name },
            });
        }

        await using var sample = await SamplePipeline.StartAsync();
        await using var host = await RunningHost.StartAsync(storageFixture, triggers: true, settings: sample.Settings());
        using var timeout = new CancellationTokenSource(Settle);
        while (host.Triggers.BlobsGaveUp < 1)
        {
            await Task.Delay(100, timeout.Token);
        }
        await lease.ReleaseAsync();

        var failure = await account.Tables.GetTableClient(StorageNames.FailuresTable).FindAsync(ParseFailures.Partition, TableKey.Encode(bad), null, CancellationToken.None);
        Assert.NotNull(failure);
        Assert.Equal("failed", failure.GetString("Status"));
        Assert.Equal(5, failure.GetInt32("Attempts"));
        Assert.Contains("412", failure.GetString("Error"), StringComparison.Ordinal);
        Assert.NotNull(await account.Tables.GetTableClient(StorageNames.ReportBlobsTable).FindAsync(TableKey.Encode(good), "", null, CancellationToken.None));
    }

    private readonly PipelineStorage storageFixture;

    public LocalTriggerTests(PipelineStorage storage) => storageFixture = storage;
}
