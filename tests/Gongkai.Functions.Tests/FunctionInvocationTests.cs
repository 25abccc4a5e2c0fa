using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Queues.Models;
using Gongkai.Functions.Functions;
using Gongkai.Functions.Hosting;
using Gongkai.Functions.LocalHost;
using Gongkai.Functions.Records;
using Gongkai.Functions.Tests.Infrastructure;
using Gongkai.Harvest.Stores;
using Gongkai.Testing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Functions.Tests;

/// <summary>
/// Each trigger function invoked with what the worker binds to its trigger parameter (TimerInfo, the SDK's
/// QueueMessage, a BlobClient), through the local host's invoker on the class DI gives, as both hosts run it. Each test
/// checks what the function returned or threw and what the invocation left in storage.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class FunctionInvocationTests(PipelineStorage storage)
{
    private const string Html = "text/html; charset=utf-8";

    [Fact]
    public async Task ScheduleHarvest_enqueues_one_request_per_due_portal_on_time_and_past_due()
    {
        // A fresh emulator: every portal is due and the queue holds only what these invocations put there.
        await using var azurite = await AzuriteServer.StartAsync();
        await using var host = await RunningHost.StartAsync(azurite.ConnectionString);
        var queue = StorageClients.For(azurite.ConnectionString).Queues.GetQueueClient(StorageNames.HarvestRequestsQueue);

        foreach (var pastDue in new[] { false, true })
        {
            var timer = new TimerInfo { IsPastDue = pastDue, ScheduleStatus = new ScheduleStatus { Last = DateTime.UtcNow.AddDays(-1), Next = DateTime.UtcNow.AddDays(1) } };
            var returned = Assert.IsType<ScheduleOutcome>(await InvokeAsync(host, FunctionNames.ScheduleHarvest, timer));

            Assert.Equal(1, returned.Enqueued);
            Assert.Equal("sample-qingshi", Assert.Single(returned.Portals));
            var message = Assert.Single((await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1))).Value);
            var request = HarvestRequest.Parse(message.Body.ToString());
            Assert.Equal("sample-qingshi", request.PortalId);
            Assert.False(string.IsNullOrEmpty(request.ScheduleRun));
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }
    }

    [Fact]
    public async Task HarvestPortal_harvests_the_portal_a_json_or_bare_id_message_names()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        await using var sample = await SamplePipeline.StartAsync();
        await using var host = await RunningHost.StartAsync(azurite.ConnectionString, settings: sample.Settings());
        var account = StorageClients.For(azurite.ConnectionString);

        // A JSON request on its first delivery: every document is stored.
        var first = Assert.IsType<Gongkai.Harvest.HarvestSummary>(await InvokeAsync(host, FunctionNames.HarvestPortal,
            Message(new HarvestRequest("sample-qingshi", DateTimeOffset.UtcNow, "run-1").ToMessage(), dequeueCount: 1)));
        Assert.Equal("sample-qingshi", first.PortalId);
        var stored = first.StoredBlobs.Order(StringComparer.Ordinal).ToList();
        Assert.True(stored.Count >= 14, $"only {stored.Count} documents stored");
        Assert.Equal(stored.Count, first.New);

        var raw = new List<string>();
        await foreach (var blob in account.Blobs.GetBlobContainerClient(StorageNames.RawReportsContainer).GetBlobsAsync())
        {
            raw.Add(blob.Name);
        }
        Assert.Equal(stored, raw.Order(StringComparer.Ordinal));
        var runs = new List<TableEntity>();
        await foreach (var row in account.Tables.GetTableClient(StorageNames.HarvestRunsTable).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"sample-qingshi"}")))
        {
            runs.Add(row);
        }
        Assert.Contains(runs, r => r.GetString("RunId") == first.RunId);

        // A bare portal id on a third delivery: nothing new to store.
        var again = Assert.IsType<Gongkai.Harvest.HarvestSummary>(await InvokeAsync(host, FunctionNames.HarvestPortal, Message("sample-qingshi", dequeueCount: 3)));
        Assert.Equal(0, again.New);
        var after = 0;
        await foreach (var _ in account.Blobs.GetBlobContainerClient(StorageNames.RawReportsContainer).GetBlobsAsync())
        {
            after++;
        }
        Assert.Equal(stored.Count, after);
    }

    [Fact]
    public async Task A_malformed_queue_message_fails_the_invocation_with_the_reason()
    {
        await using var host = await RunningHost.StartAsync(storage);

        var failure = await Assert.ThrowsAsync<FormatException>(() => InvokeAsync(host, FunctionNames.HarvestPortal, Message("two words", dequeueCount: 1)));

        Assert.Contains("must be JSON {\"portalId\": …} or a bare portal id", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseReport_reads_the_blob_it_is_given_byte_for_byte_and_the_api_serves_it()
    {
        await using var host = await RunningHost.StartAsync(storage);
        // GB18030 bytes: the host cannot pass them as text without loss, so the handler must read them itself.
        var name = $"host-byname/2021/{Guid.NewGuid():N}.html";
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback).GetBytes(Page("东江市锡沙区人民政府", 2021, 7).Replace("utf-8", "gb18030", StringComparison.Ordinal));
        var stored = await UploadAsync(name, bytes, "text/html; charset=gb18030");

        var outcome = Assert.IsType<ParseOutcome>(await InvokeAsync(host, FunctionNames.ParseReport, Blob(stored)));

        Assert.Equal(("parsed", "东江市锡沙区人民政府", 2021), (outcome.Status, outcome.Agency, outcome.Year));
        var reportId = outcome.ReportId!;
        await AssertRecordedAsync(name, reportId, stored.ETag);

        // The HTTP functions: the host passes the caller's request on as it came, path, query
        // (including the function key in `code`, which the host checked) and headers.
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, $"/api/reports/{Uri.EscapeDataString(reportId)}?code=function-key-checked-by-the-host");
        forwarded.Headers.Add("x-functions-key", "function-key-checked-by-the-host");
        forwarded.Headers.Add("X-Forwarded-For", "203.0.113.7");
        using var response = await host.Client.SendAsync(forwarded);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(reportId, report.GetProperty("id").GetString());
        Assert.Equal("东江市锡沙区人民政府", report.GetProperty("agency").GetString());

        using var listed = await host.Client.GetAsync($"/api/reports?agency={Uri.EscapeDataString("东江市锡沙区人民政府")}&code=function-key-checked-by-the-host");
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Contains(reportId, await listed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_blob_that_fails_every_attempt_under_the_host_is_recorded_failed_on_the_last_attempt()
    {
        // host.json's extensions:blobs:poisonBlobThreshold, as the host reads it: 5.
        await using var host = await RunningHost.StartAsync(storage);
        await AssertGivesUpAfterAsync(host, 5);
    }

    [Fact]
    public async Task The_attempt_that_gives_a_blob_up_follows_the_hosts_poison_threshold_setting()
    {
        await using var host = await RunningHost.StartAsync(storage,
            settings: new Dictionary<string, string?> { ["AzureFunctionsJobHost:extensions:blobs:poisonBlobThreshold"] = "2" });
        await AssertGivesUpAfterAsync(host, 2);
    }

    /// <summary>
    /// Fails a blob's every parse (someone holds a lease on where its parse is written), invokes ParseReport as the host
    /// retries it, then as an operator's replay from the poison queue once the cause is gone.
    /// </summary>
    private async Task AssertGivesUpAfterAsync(RunningHost host, int threshold)
    {
        var name = $"host-failing/2020/{Guid.NewGuid():N}.html";
        var stored = await UploadAsync(name, Page("东江市失败区人民政府", 2020, 1));
        var parsed = storage.Clients.Blobs.GetBlobContainerClient(StorageNames.ParsedReportsContainer);
        await parsed.CreateIfNotExistsAsync();
        var parsedBlob = parsed.GetBlobClient(ParsedReportStore.NameFor(name));
        await parsedBlob.UploadAsync(BinaryData.Empty);
        var lease = parsedBlob.GetBlobLeaseClient();
        await lease.AcquireAsync(TimeSpan.FromSeconds(60));
        var failures = storage.Clients.Tables.GetTableClient(StorageNames.FailuresTable);

        for (var attempt = 1; attempt <= threshold; attempt++)
        {
            // A failed invocation is what makes the host retry, and after the last attempt, poison the blob.
            await Assert.ThrowsAnyAsync<Exception>(() => InvokeAsync(host, FunctionNames.ParseReport, Blob(stored)));
            var row = await failures.FindAsync(ParseFailures.Partition, TableKey.Encode(name), null, CancellationToken.None);
            Assert.NotNull(row);
            Assert.Equal(attempt, row.GetInt32("Attempts"));
            Assert.Contains("412", row.GetString("Error"), StringComparison.Ordinal);
            Assert.Equal(name, row.GetString("Blob"));
            if (attempt < threshold)
            {
                Assert.Equal(ParseFailures.Retrying, row.GetString("Status"));
            }
            else
            {
                Assert.Equal(ParseFailures.Failed, row.GetString("Status"));
                Assert.Contains("412", row.GetString("GaveUpReason"), StringComparison.Ordinal);
            }
        }

        // The cause is fixed and the poison message replayed: the same invocation now succeeds and resolves the row.
        await lease.ReleaseAsync();
        Assert.Equal("parsed", Assert.IsType<ParseOutcome>(await InvokeAsync(host, FunctionNames.ParseReport, Blob(stored))).Status);
        Assert.Equal(ParseFailures.Resolved, (await failures.FindAsync(ParseFailures.Partition, TableKey.Encode(name), null, CancellationToken.None))!.GetString("Status"));
    }

    private async Task AssertRecordedAsync(string blob, string reportId, string etag)
    {
        var account = storage.Clients;
        var mapping = await account.Tables.GetTableClient(StorageNames.ReportBlobsTable).FindAsync(TableKey.Encode(blob), "", null, CancellationToken.None);
        Assert.NotNull(mapping);
        Assert.Equal((reportId, etag), (mapping.GetString("ReportId"), mapping.GetString("ETag")));
        Assert.True((await account.Blobs.GetBlobContainerClient(StorageNames.ParsedReportsContainer).GetBlobClient(ParsedReportStore.NameFor(blob)).ExistsAsync()).Value);
        Assert.NotNull(await account.Tables.GetTableClient(StorageNames.ReportsTable).FindAsync(reportId, ReportRecord.RowKeyFor(reportId), null, CancellationToken.None));
    }

    private static string Page(string agency, int year, int requests) =>
        $"<html><head><meta charset=\"utf-8\"></head><body><h1>{agency}{year}年政府信息公开工作年度报告</h1>" +
        $"<p>一、总体情况</p><p>本年度共收到政府信息公开申请{requests}件。</p></body></html>";

    private Task<StoredBlob> UploadAsync(string name, string html) => UploadAsync(name, Encoding.UTF8.GetBytes(html), Html);

    private async Task<StoredBlob> UploadAsync(string name, byte[] bytes, string contentType)
    {
        var raw = storage.Clients.Blobs.GetBlobContainerClient(StorageNames.RawReportsContainer);
        await raw.CreateIfNotExistsAsync();
        var blob = raw.GetBlobClient(name);
        await blob.UploadAsync(new BinaryData(bytes), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            Metadata = new Dictionary<string, string> { ["portalid"] = name.Split('/')[0], ["sourceurl"] = "http://127.0.0.1/" + name, ["kind"] = "page" },
        });
        BlobProperties properties = await blob.GetPropertiesAsync();
        return new StoredBlob(name, blob.Uri, properties.ETag.ToString(), properties.ContentLength, properties.ContentType, properties.LastModified, properties.Metadata);
    }

    private sealed record StoredBlob(string Name, Uri Uri, string ETag, long ContentLength, string ContentType, DateTimeOffset LastModified, IDictionary<string, string> Metadata);

    /// <summary>The blob as the worker binds ParseReport's trigger: a client for it (the function reads it by name).</summary>
    private Azure.Storage.Blobs.BlobClient Blob(StoredBlob blob) =>
        storage.Clients.Blobs.GetBlobContainerClient(StorageNames.RawReportsContainer).GetBlobClient(blob.Name);

    private static QueueMessage Message(string text, long dequeueCount) =>
        QueuesModelFactory.QueueMessage(Guid.NewGuid().ToString(), "pop-receipt", text, dequeueCount, DateTimeOffset.UtcNow.AddMinutes(1), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(7));

    private static Task<object?> InvokeAsync(RunningHost host, string function, object trigger) =>
        host.Services.GetRequiredService<FunctionInvoker>().InvokeAsync(FunctionCatalog.Get(function), trigger, new Dictionary<string, object?>(), CancellationToken.None);
}
