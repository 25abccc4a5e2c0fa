using Gongkai.Harvest.Fetching;
using Gongkai.Harvest.SamplePortal;
using Microsoft.AspNetCore.Http;

namespace Gongkai.Harvest.Tests;

public sealed class PolitenessTests
{
    [Fact]
    public async Task Robots_crawl_delay_is_honoured_up_to_the_cap()
    {
        await using var server = await SamplePortalServer.StartAsync(intercept: async context =>
        {
            if (context.Request.Path == "/robots.txt")
            {
                await context.Response.WriteAsync("User-agent: *\nCrawl-delay: 30\nDisallow: /private/\n");
                return true;
            }

            return false;
        });
        await using var host = HarvestHost.Create(
            HarvestHost.PortalJson("crawl", [server.Url("/zwgk/zfxxgknb/index.html")], delaySeconds: 0),
            new Dictionary<string, string?> { ["MaxCrawlDelay"] = "00:00:00.300" });
        var portal = host.Catalog.Find("crawl")!;
        var started = DateTimeOffset.UtcNow;
        foreach (var path in new[] { "/zwgk/zfxxgknb/index.html", "/zwgk/zfxxgknb/index_1.html", "/zwgk/zfxxgknb/index_2.html" })
        {
            Assert.Equal(FetchOutcome.Fetched, (await host.Fetcher.FetchAsync(new FetchRequest(server.Url(path), portal), CancellationToken.None)).Outcome);
        }

        Assert.Equal(FetchOutcome.Disallowed, (await host.Fetcher.FetchAsync(new FetchRequest(server.Url("/private/a.html"), portal), CancellationToken.None)).Outcome);
        Assert.Equal(4, server.Requests.Count); // robots.txt once, three pages, nothing under /private/
        SamplePortalHarvestTests.AssertSpacing(server.Requests, TimeSpan.FromMilliseconds(300));
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(5), "the 30 s crawl delay was not capped");
    }

    [Fact]
    public async Task Different_hosts_are_fetched_in_parallel_while_each_keeps_its_delay()
    {
        await using var first = await SamplePortalServer.StartAsync();
        await using var second = await SamplePortalServer.StartAsync();
        var json = System.Text.Json.JsonSerializer.Serialize(new
        {
            portals = new[]
            {
                new
                {
                    id = "two-hosts", name = "two hosts",
                    startUrls = new[] { first.Url("/index.html").AbsoluteUri, second.Url("/index.html").AbsoluteUri },
                    politeness = new { delaySeconds = 0.3 },
                    allowPrivateNetworks = true,
                },
            },
        });
        await using var host = HarvestHost.Create(json);
        var portal = host.Catalog.Find("two-hosts")!;
        var paths = new[] { "/zwgk/zfxxgknb/index.html", "/zwgk/zfxxgknb/index_1.html", "/zwgk/zfxxgknb/index_2.html", "/zwgk/bmxxgknb/list.html?page=1" };
        var started = DateTimeOffset.UtcNow;
        await Task.WhenAll(new[] { first, second }.SelectMany(server => paths.Select(p => host.Fetcher.FetchAsync(new FetchRequest(server.Url(p), portal), CancellationToken.None))));
        var elapsed = DateTimeOffset.UtcNow - started;

        SamplePortalHarvestTests.AssertSpacing(first.Requests, TimeSpan.FromMilliseconds(300));
        SamplePortalHarvestTests.AssertSpacing(second.Requests, TimeSpan.FromMilliseconds(300));
        // Five requests per host (robots.txt + four pages) need at least 4 × 0.3 s one after another; in parallel the
        // two hosts overlap, so the whole thing stays well under the 2.4 s a single queue would take.
        Assert.True(elapsed < TimeSpan.FromSeconds(2.3), $"took {elapsed.TotalSeconds:0.00} s");
        var overlap = first.Requests.Min(r => r.At) < second.Requests.Max(r => r.At) && second.Requests.Min(r => r.At) < first.Requests.Max(r => r.At);
        Assert.True(overlap);
    }
}
