using System.Text;
using Gongkai.Harvest.Fetching;
using Gongkai.Harvest.SamplePortal;
using Gongkai.Harvest.Stores;
using Microsoft.AspNetCore.Http;

namespace Gongkai.Harvest.Tests;

public sealed class MisbehavingServerTests
{
    private static readonly string[] Cases = ["ok1", "500", "429", "slow", "endless", "huge", "huge-chunked", "loop", "private", "offsite", "garbage", "ok2"];

    [Fact]
    public async Task Every_misbehaviour_is_recorded_as_its_own_failure_and_nothing_else_is_lost()
    {
        var tooManyOnce = 0;
        await using var server = await SamplePortalServer.StartAsync(intercept: context => Misbehave(context, () => Interlocked.Increment(ref tooManyOnce) == 1));
        await using var host = HarvestHost.Create(
            HarvestHost.PortalJson("bad", [server.Url("/bad/list.html")], extra: new Dictionary<string, object?> { ["allowedHosts"] = new[] { server.BaseUrl.Authority, "10.0.0.1" } }),
            new Dictionary<string, string?> { ["RequestTimeout"] = "00:00:01" });

        var summary = await host.Harvester.HarvestAsync("bad", new HarvestRunOptions(), CancellationToken.None);

        Assert.Equal(Cases.Length, summary.ReportsFound);
        Assert.Equal(4, summary.New); // ok1, ok2, the 429 after its retry, and the garbage (raw bytes are kept, whatever they are)
        var failures = (await host.FailuresAsync("bad")).ToDictionary(f => new Uri(f.Url).AbsolutePath.Split('/')[^1].Replace(".html", "", StringComparison.Ordinal));
        Assert.Equal(Cases.Length - 4, summary.Failed);
        Assert.Equal(["500", "endless", "huge", "huge-chunked", "loop", "offsite", "private", "slow"], failures.Keys.Order());
        Assert.All(failures.Values, f => Assert.Equal(HarvestStages.Fetch, f.Stage));

        Assert.Equal((nameof(FetchFailure.HttpStatus), 500, 2), (failures["500"].Kind, failures["500"].Status, failures["500"].Attempts));
        Assert.Equal(nameof(FetchFailure.Timeout), failures["slow"].Kind);
        Assert.Equal(2, failures["slow"].Attempts);
        Assert.Equal(nameof(FetchFailure.Timeout), failures["endless"].Kind);
        Assert.Equal(nameof(FetchFailure.BodyTooLarge), failures["huge"].Kind);
        Assert.Equal(nameof(FetchFailure.BodyTooLarge), failures["huge-chunked"].Kind);
        Assert.Equal(nameof(FetchFailure.TooManyRedirects), failures["loop"].Kind);
        Assert.Contains("redirect loop", failures["loop"].Error, StringComparison.Ordinal);
        Assert.Equal(nameof(FetchFailure.AddressRefused), failures["private"].Kind);
        Assert.Contains("10.0.0.1", failures["private"].Error, StringComparison.Ordinal);
        Assert.Equal(nameof(FetchFailure.RedirectRefused), failures["offsite"].Kind);

        // 429 + Retry-After: 1 → the retry waited at least a second.
        var tooMany = server.Requests.Where(r => r.PathAndQuery == "/bad/429.html").Select(r => r.At).ToList();
        Assert.Equal(2, tooMany.Count);
        Assert.True(tooMany[1] - tooMany[0] >= TimeSpan.FromSeconds(0.99));

        var blobs = await host.BlobsAsync();
        Assert.Equal(4, blobs.Count);
        var state = await host.Get<CrawlStateStore>().LoadAsync("bad", CancellationToken.None);
        Assert.Equal(1, state[server.Url("/bad/500.html")].FailuresInRow);
        Assert.True(state[server.Url("/bad/500.html")].NextDueAt > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task A_name_resolving_to_loopback_is_refused_before_connecting_unless_allowed()
    {
        await using var server = await SamplePortalServer.StartAsync();
        var url = new Uri($"http://localhost:{server.BaseUrl.Port}/zwgk/zfxxgknb/index.html");
        var json = System.Text.Json.JsonSerializer.Serialize(new { portals = new[] { new { id = "dns", name = "dns", startUrls = new[] { url.AbsoluteUri } } } });
        await using var host = HarvestHost.Create(json);
        var result = await host.Fetcher.FetchAsync(new FetchRequest(url, host.Catalog.Find("dns")!), CancellationToken.None);
        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Equal(FetchFailure.AddressRefused, result.Failure);
        Assert.Contains("non-public address", result.Error, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task The_circuit_opens_for_a_host_that_keeps_failing()
    {
        await using var server = await SamplePortalServer.StartAsync(intercept: async context =>
        {
            if (context.Request.Path == "/robots.txt")
            {
                return false;
            }

            context.Response.StatusCode = 503;
            await context.Response.WriteAsync("down");
            return true;
        });
        await using var host = HarvestHost.Create(
            HarvestHost.PortalJson("flaky", [server.Url("/x/index.html")], delaySeconds: 0),
            new Dictionary<string, string?> { ["CircuitMinimumThroughput"] = "2", ["MaxRetries"] = "0", ["CircuitBreakDuration"] = "00:00:05" });
        var portal = host.Catalog.Find("flaky")!;
        var outcomes = new List<FetchFailure>();
        for (var i = 0; i < 4; i++)
        {
            outcomes.Add((await host.Fetcher.FetchAsync(new FetchRequest(server.Url($"/x/{i}.html"), portal), CancellationToken.None)).Failure);
        }

        Assert.Equal(FetchFailure.HttpStatus, outcomes[0]);
        Assert.Equal(FetchFailure.CircuitOpen, outcomes[^1]);
        Assert.True(server.Requests.Count(r => r.PathAndQuery.StartsWith("/x/", StringComparison.Ordinal)) < 4);
    }

    [Fact]
    public async Task An_unreachable_robots_txt_is_one_robots_failure_and_nothing_is_fetched()
    {
        await using var server = await SamplePortalServer.StartAsync(intercept: context =>
        {
            if (context.Request.Path == "/robots.txt")
            {
                context.Response.StatusCode = 503;
                return Task.FromResult(true);
            }

            return Task.FromResult(false);
        });
        await using var host = HarvestHost.Create(HarvestHost.SamplePortalJson(server, "norobots"));
        var summary = await host.Harvester.HarvestAsync("norobots", new HarvestRunOptions(), CancellationToken.None);

        Assert.Equal(0, summary.PagesListed);
        Assert.Equal(2, summary.Disallowed);
        var failure = Assert.Single(await host.FailuresAsync("norobots"));
        Assert.Equal(HarvestStages.Robots, failure.Stage);
        Assert.Equal(server.Url("/robots.txt").AbsoluteUri, failure.Url);
        Assert.Equal(503, failure.Status);
        Assert.All(server.Requests, r => Assert.Equal("/robots.txt", r.PathAndQuery));
    }

    private static async Task<bool> Misbehave(HttpContext context, Func<bool> firstTooMany)
    {
        var path = context.Request.Path.Value ?? "";
        var response = context.Response;
        var ct = context.RequestAborted;
        switch (path)
        {
            case "/bad/list.html":
                var html = new StringBuilder("<html><head><meta charset=\"utf-8\"></head><body><ul>");
                foreach (var name in Cases)
                {
                    html.Append("<li><a href=\"/bad/").Append(name).Append(".html\">测试区2021年政府信息公开工作年度报告（").Append(name).Append("）</a></li>");
                }

                response.ContentType = "text/html; charset=utf-8";
                await response.WriteAsync(html.Append("</ul></body></html>").ToString(), ct);
                return true;
            case "/bad/ok1.html" or "/bad/ok2.html":
                response.ContentType = "text/html; charset=utf-8";
                await response.WriteAsync("<html><body>2021年政府信息公开工作年度报告 " + path + "</body></html>", ct);
                return true;
            case "/bad/500.html":
                response.StatusCode = 500;
                return true;
            case "/bad/429.html":
                if (firstTooMany())
                {
                    response.StatusCode = 429;
                    response.Headers.RetryAfter = "1";
                    return true;
                }

                response.ContentType = "text/html";
                await response.WriteAsync("<html><body>finally</body></html>", ct);
                return true;
            case "/bad/slow.html":
                await Task.Delay(TimeSpan.FromSeconds(3), ct).ContinueWith(_ => { }, TaskScheduler.Default);
                return true;
            case "/bad/endless.html":
                response.ContentType = "text/html";
                while (!ct.IsCancellationRequested)
                {
                    await response.WriteAsync("<p>still going</p>", ct).ContinueWith(_ => { }, TaskScheduler.Default);
                    await response.Body.FlushAsync(ct).ContinueWith(_ => { }, TaskScheduler.Default);
                    await Task.Delay(100, ct).ContinueWith(_ => { }, TaskScheduler.Default);
                }

                return true;
            case "/bad/huge.html":
                response.ContentType = "text/html";
                response.ContentLength = 50L * 1024 * 1024;
                await WriteZerosAsync(response, 50L * 1024 * 1024, ct);
                return true;
            case "/bad/huge-chunked.html":
                response.ContentType = "text/html";
                await WriteZerosAsync(response, 50L * 1024 * 1024, ct);
                return true;
            case "/bad/loop.html":
                response.Redirect("/bad/loop2.html");
                return true;
            case "/bad/loop2.html":
                response.Redirect("/bad/loop.html");
                return true;
            case "/bad/private.html":
                response.Redirect("http://10.0.0.1/zwgk/report.html");
                return true;
            case "/bad/offsite.html":
                response.Redirect("ftp://files.example.org/report.html");
                return true;
            case "/bad/garbage.html":
                var garbage = new byte[4096];
                new Random(7).NextBytes(garbage);
                response.ContentType = "text/html";
                await response.Body.WriteAsync(garbage, ct);
                return true;
            default:
                return false;
        }
    }

    private static async Task WriteZerosAsync(HttpResponse response, long length, CancellationToken ct)
    {
        var chunk = new byte[64 * 1024];
        try
        {
            for (long sent = 0; sent < length && !ct.IsCancellationRequested; sent += chunk.Length)
            {
                await response.Body.WriteAsync(chunk, ct);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client stopped reading, as it should.
        }
    }
}
