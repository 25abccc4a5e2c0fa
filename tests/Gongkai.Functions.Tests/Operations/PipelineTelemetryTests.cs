using System.Text.Json;
using Azure.Monitor.OpenTelemetry.Exporter;
using Gongkai.Functions.Telemetry;
using Gongkai.Functions.Tests.Infrastructure;
using Gongkai.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Functions.Tests.Operations;

/// <summary>
/// The whole pipeline (sample portal → timer → queue → crawler → blobs → blob trigger → parser → tables) with
/// Application Insights pointed at a loopback ingestion endpoint: what operators query is what the app really sends.
/// </summary>
public sealed class PipelineTelemetryTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_harvest_and_the_parses_of_what_it_stored_reach_Application_Insights_as_one_operation()
    {
        await using var ingestion = await LoopbackIngestion.StartAsync();
        await using var azurite = await AzuriteServer.StartAsync();
        await using var sample = await SamplePipeline.StartAsync();
        var settings = sample.Settings(new Dictionary<string, string?>
        {
            [TelemetryServiceCollectionExtensions.ConnectionStringSetting] = ingestion.ConnectionString,
            ["Logging:LogLevel:Default"] = "Information",
        });
        await using (var host = await RunningHost.StartAsync(azurite.ConnectionString, triggers: true, runNow: true, settings: settings,
            configureServices: services => services.Configure<AzureMonitorExporterOptions>(options =>
            {
                options.DisableOfflineStorage = true;
                options.EnableLiveMetrics = false;
            })))
        {
            using var timeout = new CancellationTokenSource(Settle);
            await host.Triggers.WaitForQuiescenceAsync(TimeSpan.FromMilliseconds(100), timeout.Token);
        }
        // Stopping the host flushed every provider.

        var dependencies = ingestion.Of("RemoteDependencyData");
        var run = Assert.Single(dependencies, d => Name(d.Data) == "gongkai.harvest.run");
        var operation = run.Tags.GetProperty("ai.operation.id").GetString()!;
        var runId = run.Data.GetProperty("id").GetString();
        Assert.Equal("sample-qingshi", Properties(run.Data)["gongkai.portal"]);

        // Every page fetch is an HTTP dependency of the run, with its URL, host and status.
        var fetches = dependencies.Where(d => Properties(d.Data).ContainsKey("gongkai.fetch.outcome")).ToList();
        Assert.NotEmpty(fetches);
        Assert.All(fetches, fetch =>
        {
            Assert.Equal(("Http", operation, runId), (fetch.Data.GetProperty("type").GetString(), OperationId(fetch), ParentId(fetch)));
            Assert.Equal("127.0.0.1", fetch.Data.GetProperty("target").GetString()?.Split(':')[0]);
            Assert.StartsWith(sample.Portal.BaseUrl.AbsoluteUri, fetch.Data.GetProperty("data").GetString(), StringComparison.Ordinal);
        });
        Assert.Contains(fetches, f => f.Data.GetProperty("resultCode").GetString() == "200");

        // Each parse (a consumer span: a request in Application Insights) continues the trace of the run that stored its blob.
        var parses = ingestion.Of("RequestData").Where(r => Name(r.Data) == ParseTelemetry.ActivityName).ToList();
        Assert.NotEmpty(parses);
        Assert.All(parses, parse => Assert.Equal((operation, runId), (OperationId(parse), ParentId(parse))));
        Assert.All(parses, parse => Assert.Equal("sample-qingshi", Properties(parse.Data)["gongkai.portal"]));

        // Storage calls are dependencies too, and the exporter's own uploads are not.
        Assert.Contains(dependencies, d => d.Data.GetProperty("type").GetString() == "InProc | Microsoft.Storage" && OperationId(d) == operation);
        Assert.DoesNotContain(dependencies, d => d.Data.TryGetProperty("data", out var url) && url.GetString()?.Contains("/v2.1/track", StringComparison.Ordinal) == true);

        // Logs keep their structured properties and the operation they were written in.
        var finished = Assert.Single(ingestion.Of("MessageData"), m => m.Data.GetProperty("message").GetString()!.StartsWith("Harvest of sample-qingshi finished", StringComparison.Ordinal));
        Assert.Equal(operation, OperationId(finished));
        Assert.Equal(("sample-qingshi", "4011"), (Properties(finished.Data)["Portal"], Properties(finished.Data).GetValueOrDefault("EventId")));

        // Every metric the workbook and alerts read arrives, with the dimensions they read.
        var metrics = ingestion.Of("MetricData")
            .SelectMany(m => m.Data.GetProperty("metrics").EnumerateArray().Select(point => (Name: point.GetProperty("name").GetString()!, Properties: Properties(m.Data))))
            .ToList();
        // Failures are counted only when something fails, and nothing on the sample portal does.
        var expected = TelemetryQueryTests.QueriedMetricNames().Where(n => n != "gongkai.harvest.failures").ToList();
        Assert.NotEmpty(expected);
        foreach (var name in expected)
        {
            Assert.True(metrics.Any(m => m.Name == name), $"no {name} reached Application Insights; received {string.Join(", ", metrics.Select(m => m.Name).Distinct().Order())}");
        }
        Assert.Contains(metrics, m => m.Name == ParseTelemetry.ReportsInstrument && m.Properties.GetValueOrDefault("gongkai.outcome") == "parsed" && m.Properties.GetValueOrDefault("gongkai.portal") == "sample-qingshi");
    }

    private static string? Name(JsonElement data) => data.GetProperty("name").GetString();

    private static string? OperationId((JsonElement Data, JsonElement Tags) item) => item.Tags.GetProperty("ai.operation.id").GetString();

    private static string? ParentId((JsonElement Data, JsonElement Tags) item) =>
        item.Tags.TryGetProperty("ai.operation.parentId", out var parent) ? parent.GetString() : null;

    private static Dictionary<string, string> Properties(JsonElement data) =>
        data.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.Ordinal)
            : [];
}
