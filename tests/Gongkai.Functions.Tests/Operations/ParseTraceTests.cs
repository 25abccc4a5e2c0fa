using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Gongkai.Functions.Commands;
using Gongkai.Functions.Functions;
using Gongkai.Functions.Telemetry;
using Gongkai.Harvest.Stores;
using Gongkai.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gongkai.Functions.Tests.Operations;

/// <summary>A parse joins the trace of the harvest run that stored its blob, however much later it runs.</summary>
public sealed class ParseTraceTests
{
    private const string HarvestTraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string HarvestSpanId = "00f067aa0ba902b7";

    [Fact]
    public async Task The_parse_is_a_child_of_the_harvest_run_and_links_the_invocation_that_ran_it()
    {
        var (parse, blob) = await ParseOneAsync($"00-{HarvestTraceId}-{HarvestSpanId}-01");

        Assert.Equal(HarvestTraceId, parse.Activity.TraceId.ToHexString());
        Assert.Equal(HarvestSpanId, parse.Activity.ParentSpanId.ToHexString());
        var link = Assert.Single(parse.Activity.Links);
        Assert.Equal(parse.Invocation.TraceId, link.Context.TraceId);
        Assert.Equal(parse.Invocation.SpanId, link.Context.SpanId);
        Assert.Equal(blob, parse.Activity.GetTagItem("gongkai.blob"));
        Assert.Equal("trace-portal", parse.Activity.GetTagItem("gongkai.portal"));
        Assert.Equal(2021, parse.Activity.GetTagItem("gongkai.year"));
        Assert.Equal(ActivityStatusCode.Unset, parse.Activity.Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-traceparent")]
    public async Task Without_a_harvest_trace_the_parse_nests_under_the_invocation(string? traceParent)
    {
        var (parse, _) = await ParseOneAsync(traceParent);

        Assert.Equal(parse.Invocation.TraceId, parse.Activity.TraceId);
        Assert.Equal(parse.Invocation.SpanId, parse.Activity.ParentSpanId);
        Assert.Empty(parse.Activity.Links);
    }

    private sealed record Traced(Activity Activity, ActivityContext Invocation);

    private static async Task<(Traced Parse, string Blob)> ParseOneAsync(string? traceParent)
    {
        // Its own emulator: the parse writes the shared record tables, which other tests count.
        await using var azurite = await AzuriteServer.StartAsync();
        var account = StorageClients.For(azurite.ConnectionString);
        var blob = $"trace-portal/2021/{Guid.NewGuid():N}.html";
        var metadata = new Dictionary<string, string> { ["portalid"] = "trace-portal", ["sourceurl"] = "http://127.0.0.1/trace.html" };
        if (traceParent is not null)
        {
            metadata["traceparent"] = traceParent;
        }
        await account.UploadAsync(StorageNames.RawReportsContainer, blob, Encoding.UTF8.GetBytes(
            "<html><body><h1>东江市青石区审计局2021年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>本年度共收到政府信息公开申请12件。</p></body></html>"),
            "text/html; charset=utf-8", metadata);

        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == ParseTelemetry.MeterName || s.Name.StartsWith("Gongkai.Tests.", StringComparison.Ordinal),
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var invocations = new ActivitySource("Gongkai.Tests." + Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString })
            .Build();
        await using var services = ReparseCommand.Services(configuration);
        var function = services.GetRequiredService<ParseReportFunction>();

        ActivityContext invocationContext;
        using (var invocation = invocations.StartActivity("invocation", ActivityKind.Server)!)
        {
            invocationContext = invocation.Context;
            var outcome = await function.RunAsync(blob, null, NullLogger.Instance, CancellationToken.None);
            Assert.Equal("parsed", outcome.Status);
        }

        // Other tests parse in parallel: ours is the one activity tagged with our blob.
        var parse = Assert.Single(stopped, a => a.OperationName == ParseTelemetry.ActivityName && Equals(a.GetTagItem("gongkai.blob"), blob));
        return (new Traced(parse, invocationContext), blob);
    }
}
