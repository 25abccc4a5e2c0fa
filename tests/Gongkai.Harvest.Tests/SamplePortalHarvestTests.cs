using Azure.Storage.Blobs.Specialized;
using Gongkai.Harvest.Discovery;
using Gongkai.Harvest.SamplePortal;
using Gongkai.Harvest.Stores;

namespace Gongkai.Harvest.Tests;

public sealed class SamplePortalHarvestTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(150);

    [Fact]
    public async Task Discovery_finds_exactly_the_report_links_across_both_pagination_kinds()
    {
        await using var server = await SamplePortalServer.StartAsync();
        await using var host = HarvestHost.Create(HarvestHost.SamplePortalJson(server));
        var result = await host.Get<ListingCrawler>().DiscoverAsync(host.Catalog.Find("sample")!, null, CancellationToken.None);

        var expected = ExpectedSite.Reports.Select(r => r.GetProperty("listedAs").GetString()!)
            .Concat(ExpectedSite.Strings("robotsDisallowed"))
            .Select(p => server.Url(p).AbsoluteUri)
            .Order();
        Assert.Equal(expected, result.Reports.Select(r => r.Url.AbsoluteUri).Order());
        Assert.Equal(5, result.PagesListed);
        Assert.Empty(result.Failures);
        Assert.Equal(ExpectedSite.Strings("offHost"), result.OffHostLinks.Select(u => u.AbsoluteUri));
        foreach (var ignored in ExpectedSite.Strings("ignoredLinks"))
        {
            Assert.DoesNotContain(result.Reports, r => r.Url.AbsolutePath == ignored);
        }

        var years = result.Reports.ToDictionary(r => r.Url.AbsolutePath, r => r.Year);
        foreach (var report in ExpectedSite.Reports)
        {
            Assert.Equal(report.GetProperty("year").GetInt32(), years[report.GetProperty("listedAs").GetString()!]);
        }
    }

    [Fact]
    public async Task First_harvest_stores_every_report_and_attachment_once_politely()
    {
        await using var server = await SamplePortalServer.StartAsync();
        await using var host = HarvestHost.Create(HarvestHost.SamplePortalJson(server));
        var summary = await host.Harvester.HarvestAsync("sample", new HarvestRunOptions(), CancellationToken.None);

        var reports = ExpectedSite.Reports.ToList();
        Assert.Equal(5, summary.PagesListed);
        Assert.Equal(reports.Count + 1, summary.ReportsFound);
        Assert.Equal(reports.Count + 1, summary.New); // every report page and the one PDF attachment
        Assert.Equal(0, summary.Failed);
        Assert.Equal(1, summary.Disallowed);
        Assert.False(summary.Skipped);

        var blobs = await host.BlobsAsync();
        Assert.Equal(summary.StoredBlobs.Order(), blobs.Select(b => b.Name).Order());
        var bySource = blobs.ToDictionary(b => b.Metadata[RawReportBlob.SourceUrl]);
        foreach (var report in reports)
        {
            var listed = server.Url(report.GetProperty("listedAs").GetString()!).AbsoluteUri;
            var blob = bySource[listed];
            var info = RawReportBlob.FromMetadata(blob.Metadata)!;
            var year = report.GetProperty("year").GetInt32();
            Assert.Equal($"sample/{year}/{info.Sha256}.html", blob.Name);
            Assert.Equal(server.Url(report.GetProperty("url").GetString()!), info.FinalUrl);
            Assert.Equal(report.GetProperty("title").GetString(), info.LinkText);
            Assert.Equal(DateOnly.Parse(report.GetProperty("linkDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture), info.LinkDate);
            Assert.Equal(year, info.ReportYear);
            Assert.Equal("page", info.Kind);
            Assert.NotNull(info.ETag);

            // Bytes exactly as served: GBK stays GBK, the lying header is kept as it was sent.
            var file = SampleSite.LoadEmbedded().Files[report.GetProperty("url").GetString()!];
            Assert.Equal(file.ContentType, info.ContentType);
            var download = await host.Storage.Blobs.GetBlobContainerClient(host.Names.RawReports).GetBlobClient(blob.Name).DownloadContentAsync();
            Assert.Equal(file.Content, download.Value.Content.ToArray());
        }

        var pdf = Assert.Single(blobs, b => b.Metadata[RawReportBlob.Kind] == "attachment");
        Assert.EndsWith(".pdf", pdf.Name, StringComparison.Ordinal);
        Assert.StartsWith("sample/2022/", pdf.Name, StringComparison.Ordinal);
        Assert.Equal(server.Url("/zwgk/zfxxgknb/202301/t20230128_3051.html").AbsoluteUri, pdf.Metadata[RawReportBlob.ParentUrl]);

        var log = server.Requests;
        Assert.DoesNotContain(log, r => r.PathAndQuery.Contains("/nbgl/", StringComparison.Ordinal));
        Assert.Single(log, r => r.PathAndQuery == "/robots.txt");
        Assert.All(log, r => Assert.Equal($"Gongkai/{Telemetry.HarvestTelemetry.Version} (+{HarvestHost.ContactUrl})", r.UserAgent));
        AssertSpacing(log, Delay);
    }

    [Fact]
    public async Task Unchanged_site_is_revisited_with_conditional_requests_and_a_changed_page_adds_a_blob()
    {
        await using var server = await SamplePortalServer.StartAsync();
        await using var host = HarvestHost.Create(HarvestHost.SamplePortalJson(server), new Dictionary<string, string?> { ["RefreshInterval"] = "00:00:00" });
        var first = await host.Harvester.HarvestAsync("sample", new HarvestRunOptions(), CancellationToken.None);
        var reportCount = ExpectedSite.Reports.Count();
        Assert.Equal(reportCount + 1, first.New);

        server.ClearRequests();
        var second = await host.Harvester.HarvestAsync("sample", new HarvestRunOptions(), CancellationToken.None);
        Assert.Empty(second.StoredBlobs);
        Assert.Equal(0, second.New + second.Changed);
        Assert.Equal(reportCount + 1, second.Unchanged);
        var documents = server.Requests.Where(r => r.PathAndQuery.StartsWith("/art/", StringComparison.Ordinal) || r.PathAndQuery.Contains("/t20", StringComparison.Ordinal) || r.PathAndQuery.EndsWith(".pdf", StringComparison.Ordinal)).ToList();
        Assert.Equal(reportCount + 1, documents.Count);
        Assert.All(documents, r => Assert.NotNull(r.IfNoneMatch));
        Assert.All(documents, r => Assert.Equal(304, r.Status));
        Assert.Equal(reportCount + 1, (await host.BlobsAsync()).Count);

        server.Version = 2;
        var third = await host.Harvester.HarvestAsync("sample", new HarvestRunOptions(), CancellationToken.None);
        Assert.Equal(1, third.Changed);
        Assert.Equal(0, third.New);
        var changed = Assert.Single(third.StoredBlobs);
        Assert.StartsWith("sample/2021/", changed, StringComparison.Ordinal);
        var blobs = await host.BlobsAsync();
        Assert.Equal(reportCount + 2, blobs.Count);
        var url = server.Url("/zwgk/zfxxgknb/202201/t20220127_2986.html").AbsoluteUri;
        Assert.Equal(2, blobs.Count(b => b.Metadata[RawReportBlob.SourceUrl] == url)); // history kept
    }

    [Fact]
    public async Task A_harvest_killed_mid_run_resumes_without_duplicates_or_refetching()
    {
        using var cancel = new CancellationTokenSource();
        var reportRequests = 0;
        await using var server = await SamplePortalServer.StartAsync(intercept: context =>
        {
            var path = context.Request.Path.Value ?? "";
            if ((path.StartsWith("/art/", StringComparison.Ordinal) || path.Contains("/t20", StringComparison.Ordinal)) && Interlocked.Increment(ref reportRequests) == 5)
            {
                cancel.Cancel();
            }

            return Task.FromResult(false);
        });
        await using var host = HarvestHost.Create(HarvestHost.SamplePortalJson(server));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Harvester.HarvestAsync("sample", new HarvestRunOptions(), cancel.Token));
        var afterKill = await host.BlobsAsync();
        Assert.InRange(afterKill.Count, 1, 6);
        var storedFirst = afterKill.Select(b => new Uri(b.Metadata[RawReportBlob.FinalUrl]).PathAndQuery).ToHashSet();

        server.ClearRequests();
        var resumed = await host.Harvester.HarvestAsync("sample", new HarvestRunOptions(), CancellationToken.None);
        Assert.Equal(0, resumed.Failed);
        Assert.DoesNotContain(server.Requests, r => storedFirst.Contains(r.PathAndQuery));
        var blobs = await host.BlobsAsync();
        Assert.Equal(ExpectedSite.Reports.Count() + 1, blobs.Count);
        Assert.Equal(blobs.Count, blobs.Select(b => b.Metadata[RawReportBlob.SourceUrl]).Distinct().Count());
    }

    [Fact]
    public async Task A_portal_whose_lease_is_held_is_skipped_and_dry_runs_store_nothing()
    {
        await using var server = await SamplePortalServer.StartAsync();
        await using var host = HarvestHost.Create(HarvestHost.SamplePortalJson(server));
        await host.Get<StoreInitializer>().EnsureCreatedAsync(CancellationToken.None);
        var lockBlob = host.Storage.Blobs.GetBlobContainerClient(host.Names.Locks).GetBlobClient("sample");
        await lockBlob.UploadAsync(BinaryData.Empty);
        var lease = lockBlob.GetBlobLeaseClient();
        await lease.AcquireAsync(TimeSpan.FromSeconds(15));

        var skipped = await host.Harvester.HarvestAsync("sample", new HarvestRunOptions(), CancellationToken.None);
        Assert.True(skipped.Skipped);
        Assert.Empty(server.Requests);

        var dry = await host.Harvester.HarvestAsync("sample", new HarvestRunOptions { DryRun = true, MaxPages = 1 }, CancellationToken.None);
        Assert.True(dry.DryRun);
        Assert.Equal(2, dry.PagesListed); // one page per start URL
        Assert.Equal(7, dry.WouldFetch.Count);
        Assert.Empty(await host.BlobsAsync());
        Assert.DoesNotContain(server.Requests, r => r.PathAndQuery.StartsWith("/art/", StringComparison.Ordinal) || r.PathAndQuery.Contains("/t20", StringComparison.Ordinal));

        await lease.ReleaseAsync();
        var due = await host.Get<PortalScheduler>().GetDuePortalsAsync(DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.Equal(["sample"], due);
    }

    internal static void AssertSpacing(IReadOnlyList<SampleRequest> log, TimeSpan delay)
    {
        var times = log.Select(r => r.At).Order().ToList();
        for (var i = 1; i < times.Count; i++)
        {
            // 2 ms of slack for the clock's resolution; the harvester waits the full delay after each response.
            Assert.True(times[i] - times[i - 1] >= delay - TimeSpan.FromMilliseconds(2), $"requests {i - 1} and {i} were {(times[i] - times[i - 1]).TotalMilliseconds} ms apart");
        }
    }
}
