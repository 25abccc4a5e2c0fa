using System.Collections.Concurrent;
using System.Diagnostics;
using Gongkai.Harvest.SamplePortal;
using Gongkai.Harvest.Stores;
using Gongkai.Harvest.Telemetry;

namespace Gongkai.Harvest.Tests;

public sealed class TraceContextTests
{
    [Fact]
    public async Task Every_stored_blob_carries_the_trace_context_of_the_run_that_stored_it()
    {
        await using var server = await SamplePortalServer.StartAsync();
        await using var host = HarvestHost.Create(HarvestHost.SamplePortalJson(server));
        var source = host.Get<HarvestTelemetry>().ActivitySource;
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            // This host's source only: other tests' harvests run in parallel on their own sources.
            ShouldListenTo = s => ReferenceEquals(s, source),
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        var summary = await host.Harvester.HarvestAsync("sample", new HarvestRunOptions(), CancellationToken.None);

        var run = Assert.Single(stopped, a => a.OperationName == "gongkai.harvest.run");
        Assert.All(stopped.Where(a => a.OperationName == "gongkai.harvest.fetch"), fetch => Assert.Equal(run.TraceId, fetch.TraceId));
        var blobs = await host.BlobsAsync();
        Assert.Equal(summary.New, blobs.Count);
        Assert.NotEmpty(blobs);
        foreach (var blob in blobs)
        {
            var traceParent = RawReportBlob.FromMetadata(blob.Metadata)!.TraceParent;
            Assert.True(ActivityContext.TryParse(traceParent, null, out var context), $"{blob.Name}: traceparent '{traceParent}'");
            Assert.Equal(run.TraceId, context.TraceId);
            Assert.Equal(run.SpanId, context.SpanId);
        }
    }

    [Fact]
    public async Task Without_a_listener_no_trace_context_is_invented()
    {
        await using var server = await SamplePortalServer.StartAsync();
        await using var host = HarvestHost.Create(HarvestHost.SamplePortalJson(server));

        await host.Harvester.HarvestAsync("sample", new HarvestRunOptions(), CancellationToken.None);

        var blobs = await host.BlobsAsync();
        Assert.NotEmpty(blobs);
        Assert.All(blobs, b => Assert.False(b.Metadata.ContainsKey(RawReportBlob.TraceParent)));
    }
}
