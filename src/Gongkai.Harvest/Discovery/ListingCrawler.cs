using System.Globalization;
using Gongkai.Harvest.Fetching;
using Gongkai.Harvest.Portals;
using Gongkai.Harvest.Telemetry;
using Microsoft.Extensions.Logging;

namespace Gongkai.Harvest.Discovery;

/// <summary>A listing page that could not be read.</summary>
public sealed record ListingFailure(Uri Url, FetchResult Fetch);

/// <summary>Everything the listing pages of a portal yielded.</summary>
/// <param name="Reports">Report links, deduplicated across all listing pages, in discovery order.</param>
/// <param name="PagesListed">Listing pages read successfully.</param>
/// <param name="Failures">Listing pages that could not be read.</param>
/// <param name="OffHostLinks">Report-looking links on hosts the portal does not allow.</param>
public sealed record DiscoveryResult(IReadOnlyList<ReportLink> Reports, int PagesListed, IReadOnlyList<ListingFailure> Failures, IReadOnlyList<Uri> OffHostLinks);

/// <summary>Walks a portal's listing pages from its start URLs, following pagination up to the page cap.</summary>
public sealed class ListingCrawler
{
    private readonly PageFetcher _fetcher;
    private readonly ILogger<ListingCrawler> _logger;

    /// <summary>Creates the crawler.</summary>
    public ListingCrawler(PageFetcher fetcher, ILogger<ListingCrawler> logger)
    {
        _fetcher = fetcher;
        _logger = logger;
    }

    /// <summary>Discovers the portal's report links; <paramref name="maxPages"/> overrides the portal's page cap per start URL.</summary>
    public async Task<DiscoveryResult> DiscoverAsync(PortalDefinition portal, int? maxPages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(portal);
        var cap = maxPages ?? portal.Pagination.MaxPages;
        var reports = new List<ReportLink>();
        var seenReports = new HashSet<Uri>();
        var failures = new List<ListingFailure>();
        var offHost = new HashSet<Uri>();
        var listed = 0;
        var seenPages = new HashSet<Uri>();

        async Task<ListingPage?> ReadAsync(Uri url, Uri scope)
        {
            var fetch = await _fetcher.FetchAsync(new FetchRequest(url, portal), cancellationToken).ConfigureAwait(false);
            if (fetch.Outcome != FetchOutcome.Fetched)
            {
                failures.Add(new ListingFailure(url, fetch));
                return null;
            }

            listed++;
            var html = HtmlText.Decode(fetch.Body, fetch.ContentType);
            var page = ListingParser.Parse(html, fetch.FinalUrl, scope, portal);
            foreach (var link in page.Reports)
            {
                if (seenReports.Add(link.Url))
                {
                    reports.Add(link);
                }
            }

            foreach (var link in page.OffHostLinks)
            {
                if (offHost.Add(link))
                {
                    HarvestLog.OffHostLink(_logger, portal.Id, link.AbsoluteUri);
                }
            }

            HarvestLog.ListingRead(_logger, portal.Id, url.AbsoluteUri, page.Reports.Count, page.Pages.Count);
            return page;
        }

        foreach (var start in portal.StartUrls)
        {
            var queue = new Queue<Uri>();
            queue.Enqueue(start);
            seenPages.Add(start);
            var read = 0;
            while (queue.Count > 0 && read < cap)
            {
                var url = queue.Dequeue();
                read++;
                var page = await ReadAsync(url, start).ConfigureAwait(false);
                foreach (var next in page?.Pages ?? [])
                {
                    if (seenPages.Add(next))
                    {
                        queue.Enqueue(next);
                    }
                }
            }
        }

        if (portal.Pagination.UrlTemplate is { } template)
        {
            var scope = new Uri(template.Replace("{page}", "1", StringComparison.Ordinal));
            for (var n = portal.Pagination.FirstTemplatePage; n < portal.Pagination.FirstTemplatePage + cap; n++)
            {
                var url = new Uri(template.Replace("{page}", n.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
                if (!seenPages.Add(url))
                {
                    continue;
                }

                var before = reports.Count;
                var page = await ReadAsync(url, scope).ConfigureAwait(false);
                // The end of a templated list is the first page that adds nothing new.
                if (page is null || reports.Count == before)
                {
                    break;
                }
            }
        }

        return new DiscoveryResult(reports, listed, failures, offHost.ToList());
    }
}
