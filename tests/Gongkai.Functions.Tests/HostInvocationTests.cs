using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gongkai.Functions.Functions;
using Gongkai.Functions.Records;
using Gongkai.Functions.Tests.Infrastructure;
using Gongkai.Storage;
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
        var parsed = storage.Account.GetBlobContainer(StorageNames.ParsedReportsContainer);
        await parsed.CreateIfNotExistsAsync();
        var lease = await parsed.TryAcquireLeaseAsync(ParsedReportStore.NameFor(name), TimeSpan.FromSeconds(60));
        Assert.NotNull(lease);
        var failures = storage.Account.GetTable(StorageNames.FailuresTable);

        for (var attempt = 1; attempt <= threshold; attempt++)
        {
            var (status, body) = await PostAsync(host, "ParseReport", BlobPayload(stored, content: null));

            // A non-2xx answer is what makes the host retry, and after the last attempt, poison the blob.
            Assert.Equal(HttpStatusCode.InternalServerError, status);
            var row = await failures.GetEntityAsync(ParseFailures.Partition, TableKey.Encode(name));
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
        await parsed.ReleaseLeaseAsync(ParsedReportStore.NameFor(name), lease!);
        var (replayed, _) = await PostAsync(host, "ParseReport", BlobPayload(stored, content: null));
        Assert.Equal(HttpStatusCode.OK, replayed);
        Assert.Equal(ParseFailures.Resolved, (await failures.GetEntityAsync(ParseFailures.Partition, TableKey.Encode(name)))!.GetString("Status"));
    }

    private static string Page(string agency, int year, int requests) =>
        $"<html><head><meta charset=\"utf-8\"></head><body><h1>{agency}{year}年政府信息公开工作年度报告</h1>" +
        $"<p>一、总体情况</p><p>本年度共收到政府信息公开申请{requests}件。</p></body></html>";

    private Task<BlobProperties> UploadAsync(string name, string html) => UploadAsync(name, Encoding.UTF8.GetBytes(html), Html);

    private async Task<BlobProperties> UploadAsync(string name, byte[] bytes, string contentType)
    {
        var raw = storage.Account.GetBlobContainer(StorageNames.RawReportsContainer);
        await raw.CreateIfNotExistsAsync();
        using var content = new MemoryStream(bytes);
        await raw.UploadAsync(name, content, new BlobUploadOptions
        {
            ContentType = contentType,
            Metadata = new Dictionary<string, string> { ["portalid"] = name.Split('/')[0], ["sourceurl"] = "http://127.0.0.1/" + name, ["kind"] = "page" },
        });
        return (await raw.GetPropertiesAsync(name))!;
    }

    /// <summary>A blob trigger's payload as the host sends it (see Fixtures/blob-invocation.json), for a stored blob.</summary>
    private JsonObject BlobPayload(BlobProperties blob, string? content, string? etag = null)
    {
        var payload = Fixture("blob-invocation.json");
        payload["Data"]!["report"] = content;
        var metadata = payload["Metadata"]!.AsObject();
        metadata["name"] = blob.Name;
        metadata["BlobTrigger"] = StorageNames.RawReportsContainer + "/" + blob.Name;
        metadata["Uri"] = storage.Account.GetBlobContainer(StorageNames.RawReportsContainer).GetBlobUri(blob.Name).AbsoluteUri;
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

    private static List<string> Logs(JsonElement body) => [.. body.GetProperty("Logs").EnumerateArray().Select(l => l.GetString()!)];
}
