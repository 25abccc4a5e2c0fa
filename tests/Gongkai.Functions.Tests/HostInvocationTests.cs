using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Gongkai.Functions.Functions;
using Gongkai.Functions.Records;
using Gongkai.Functions.Tests.Infrastructure;
using Gongkai.Harvest.Stores;
using Gongkai.Testing;

namespace Gongkai.Functions.Tests;

/// <summary>
/// The handler driven exactly as the Functions host drives it: recorded-shape payloads POSTed to <c>/{FunctionName}</c>
/// on the running handler (no local trigger driver), and HTTP forwarded as it came. Each test checks the status code,
/// the answer (<c>Outputs</c>, <c>Logs</c>, <c>ReturnValue</c>) and what the invocation left in storage.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class HostInvocationTests(PipelineStorage storage)
{
    private const string Html = "text/html; charset=utf-8";

    [Fact]
    public async Task Timer_payloads_as_an_object_and_as_a_string_enqueue_one_request_per_due_portal()
    {
        // A fresh emulator: every portal is due and the queue holds only what these invocations put there.
        await using var azurite = await AzuriteServer.StartAsync();
        await using var host = await RunningHost.StartAsync(azurite.ConnectionString);
        var queue = StorageClients.For(azurite.ConnectionString).Queues.GetQueueClient(StorageNames.HarvestRequestsQueue);

        foreach (var (fixture, pastDue, run) in new[]
        {
            ("timer-invocation.json", false, "0f8fad5b-d9cb-469f-a165-70867728950e"),
            ("timer-invocation-string.json", true, "7c9e6679-7425-40de-944b-e07fc1f90ae7"),
        })
        {
            var (status, body) = await PostAsync(host, "ScheduleHarvest", Fixture(fixture));

            Assert.Equal(HttpStatusCode.OK, status);
            AssertNoOutputs(body);
            Assert.Equal($"Scheduled 1 portal harvests (past due: {pastDue}, run {run})", Assert.Single(Logs(body)));
            var returned = body.GetProperty("ReturnValue");
            Assert.Equal(1, returned.GetProperty("enqueued").GetInt32());
            Assert.Equal("sample-qingshi", Assert.Single(returned.GetProperty("portals").EnumerateArray()).GetString());

            var message = Assert.Single((await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1))).Value);
            var request = HarvestRequest.Parse(message.Body.ToString());
            Assert.Equal(("sample-qingshi", run), (request.PortalId, request.ScheduleRun));
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }
    }

    [Fact]
    public async Task Queue_payloads_as_text_and_as_an_object_harvest_the_portal_they_name()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        await using var sample = await SamplePipeline.StartAsync();
        await using var host = await RunningHost.StartAsync(azurite.ConnectionString, settings: sample.Settings());
        var account = StorageClients.For(azurite.ConnectionString);

        // The message text as a JSON string, DequeueCount a number: the first delivery stores every document.
        var (status, body) = await PostAsync(host, "HarvestPortal", Fixture("queue-invocation.json"));
        Assert.Equal(HttpStatusCode.OK, status);
        AssertNoOutputs(body);
        var first = body.GetProperty("ReturnValue");
        Assert.Equal("sample-qingshi", first.GetProperty("portalId").GetString());
        var stored = first.GetProperty("storedBlobs").EnumerateArray().Select(b => b.GetString()!).Order(StringComparer.Ordinal).ToList();
        Assert.True(stored.Count >= 14, $"only {stored.Count} documents stored");
        Assert.Equal(stored.Count, first.GetProperty("new").GetInt32());
        Assert.Contains(Logs(body), l => l.StartsWith("Harvested portal sample-qingshi:", StringComparison.Ordinal) && l.EndsWith("(attempt 1)", StringComparison.Ordinal));

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
        Assert.Contains(runs, r => r.GetString("RunId") == first.GetProperty("runId").GetString());

        // The message already parsed into an object, DequeueCount a string ("3"): a redelivery, nothing new to store.
        (status, body) = await PostAsync(host, "HarvestPortal", Fixture("queue-invocation-object.json"));
        Assert.Equal(HttpStatusCode.OK, status);
        AssertNoOutputs(body);
        Assert.Equal(0, body.GetProperty("ReturnValue").GetProperty("new").GetInt32());
        Assert.Contains(Logs(body), l => l.StartsWith("Harvested portal sample-qingshi:", StringComparison.Ordinal) && l.EndsWith("(attempt 3)", StringComparison.Ordinal));
        var after = 0;
        await foreach (var _ in account.Blobs.GetBlobContainerClient(StorageNames.RawReportsContainer).GetBlobsAsync())
        {
            after++;
        }
        Assert.Equal(stored.Count, after);
    }

    [Fact]
    public async Task A_malformed_queue_message_fails_the_invocation_with_400_and_the_reason()
    {
        await using var host = await RunningHost.StartAsync(storage);
        var payload = Fixture("queue-invocation.json");
        payload["Data"]!["request"] = "two words";

        var (status, body) = await PostAsync(host, "HarvestPortal", payload);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(Logs(body), l => l.Contains("must be JSON {\"portalId\": …} or a bare portal id", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Blob_content_sent_inline_with_the_current_ETag_is_parsed_as_sent()
    {
        await using var host = await RunningHost.StartAsync(storage);
        var name = $"host-inline/2023/{Guid.NewGuid():N}.html";
        var stored = await UploadAsync(name, Page("东江市金沙区人民政府", 2023, 31));
        // Same length, another agency: which of the two gets parsed shows whether the host's bytes were used as they
        // are (ETag current) or the blob was read again.
        var sent = Encoding.UTF8.GetBytes(Page("东江市银沙区人民政府", 2023, 31));
        Assert.Equal(stored.ContentLength, sent.Length);

        var (status, body) = await PostAsync(host, "ParseReport", BlobPayload(stored, Convert.ToBase64String(sent)));

        Assert.Equal(HttpStatusCode.OK, status);
        AssertNoOutputs(body);
        Assert.Empty(Logs(body));
        var outcome = body.GetProperty("ReturnValue");
        Assert.Equal(("parsed", "东江市银沙区人民政府", 2023), (outcome.GetProperty("status").GetString(), outcome.GetProperty("agency").GetString(), outcome.GetProperty("year").GetInt32()));
        await AssertRecordedAsync(name, outcome.GetProperty("reportId").GetString()!, stored.ETag);
    }

    [Fact]
    public async Task Blob_content_sent_inline_with_a_stale_ETag_is_read_again_by_name()
    {
        await using var host = await RunningHost.StartAsync(storage);
        var name = $"host-stale/2022/{Guid.NewGuid():N}.html";
        var stored = await UploadAsync(name, Page("东江市铜沙区人民政府", 2022, 12));
        var sent = Convert.ToBase64String(Encoding.UTF8.GetBytes(Page("东江市铁沙区人民政府", 2022, 12)));

        var (status, body) = await PostAsync(host, "ParseReport", BlobPayload(stored, sent, etag: "\"0x8DC0000000000000\""));

        Assert.Equal(HttpStatusCode.OK, status);
        var outcome = body.GetProperty("ReturnValue");
        Assert.Equal("东江市铜沙区人民政府", outcome.GetProperty("agency").GetString());
        await AssertRecordedAsync(name, outcome.GetProperty("reportId").GetString()!, stored.ETag);
    }

    [Fact]
    public async Task A_blob_invocation_without_content_reads_the_blob_by_name()
    {
        await using var host = await RunningHost.StartAsync(storage);
        // GB18030 bytes: the host cannot pass them as text without loss, so the handler must read them itself.
        var name = $"host-byname/2021/{Guid.NewGuid():N}.html";
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback).GetBytes(Page("东江市锡沙区人民政府", 2021, 7).Replace("utf-8", "gb18030", StringComparison.Ordinal));
        var stored = await UploadAsync(name, bytes, "text/html; charset=gb18030");

        var (status, body) = await PostAsync(host, "ParseReport", BlobPayload(stored, content: null));

        Assert.Equal(HttpStatusCode.OK, status);
        AssertNoOutputs(body);
        var outcome = body.GetProperty("ReturnValue");
        Assert.Equal(("parsed", "东江市锡沙区人民政府", 2021), (outcome.GetProperty("status").GetString(), outcome.GetProperty("agency").GetString(), outcome.GetProperty("year").GetInt32()));
        var reportId = outcome.GetProperty("reportId").GetString()!;
        await AssertRecordedAsync(name, reportId, stored.ETag);

        // QueryApi: with enableForwardingHttpRequest the host forwards the caller's request as it came, path, query
        // (including the function key in `code`) and headers, and returns the handler's answer unchanged.
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
            var (status, body) = await PostAsync(host, "ParseReport", BlobPayload(stored, content: null));

            // A non-2xx answer is what makes the host retry, and after the last attempt, poison the blob.
            Assert.Equal(HttpStatusCode.InternalServerError, status);
            var row = await failures.FindAsync(ParseFailures.Partition, TableKey.Encode(name), null, CancellationToken.None);
            Assert.NotNull(row);
            Assert.Equal(attempt, row.GetInt32("Attempts"));
            Assert.Contains("412", row.GetString("Error"), StringComparison.Ordinal);
            Assert.Equal(name, row.GetString("Blob"));
            if (attempt < threshold)
            {
                Assert.Equal(ParseFailures.Retrying, row.GetString("Status"));
                Assert.DoesNotContain(Logs(body), l => l.Contains(ParseFailures.HostPoisonQueue, StringComparison.Ordinal));
            }
            else
            {
                Assert.Equal(ParseFailures.Failed, row.GetString("Status"));
                Assert.Contains("412", row.GetString("GaveUpReason"), StringComparison.Ordinal);
                Assert.Contains(Logs(body), l => l.StartsWith($"Parsing {name} failed {threshold} times; recorded as failed, the host moves it to webjobs-blobtrigger-poison", StringComparison.Ordinal));
            }
        }

        // The cause is fixed and the poison message replayed: the same invocation now succeeds and resolves the row.
        await lease.ReleaseAsync();
        var (replayed, _) = await PostAsync(host, "ParseReport", BlobPayload(stored, content: null));
        Assert.Equal(HttpStatusCode.OK, replayed);
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

    /// <summary>A blob trigger's payload as the host sends it (see Fixtures/blob-invocation.json), for a stored blob.</summary>
    private JsonObject BlobPayload(StoredBlob blob, string? content, string? etag = null)
    {
        var payload = Fixture("blob-invocation.json");
        payload["Data"]!["report"] = content;
        var metadata = payload["Metadata"]!.AsObject();
        metadata["name"] = blob.Name;
        metadata["BlobTrigger"] = StorageNames.RawReportsContainer + "/" + blob.Name;
        metadata["Uri"] = blob.Uri.AbsoluteUri;
        var properties = metadata["Properties"]!.AsObject();
        properties["ETag"] = etag ?? blob.ETag;
        properties["Length"] = blob.ContentLength;
        properties["ContentLength"] = blob.ContentLength;
        properties["ContentType"] = blob.ContentType;
        properties["LastModified"] = blob.LastModified.ToString("O");
        metadata["Metadata"] = new JsonObject(blob.Metadata.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value)));
        metadata["sys"]!["RandGuid"] = Guid.NewGuid().ToString();
        return payload;
    }

    private static JsonObject Fixture(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name)))!.AsObject();

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(RunningHost host, string function, JsonObject payload)
    {
        using var content = new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await host.Client.PostAsync("/" + function, content);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static void AssertNoOutputs(JsonElement body)
    {
        // None of the functions declares an output binding: Outputs is present and empty.
        var outputs = body.GetProperty("Outputs");
        Assert.Equal(JsonValueKind.Object, outputs.ValueKind);
        Assert.Empty(outputs.EnumerateObject());
    }

    private static List<string> Logs(JsonElement body) => [.. body.GetProperty("Logs").EnumerateArray().Select(l => l.GetString()!)];
}
