using System.Globalization;
using System.Text.RegularExpressions;
using Gongkai.Harvest.Fetching;
using Gongkai.Harvest.Portals;
using Gongkai.Harvest.Telemetry;
using Microsoft.Extensions.Logging;

namespace Gongkai.Harvest.Discovery;

/// <summary>A listing page that could not be read.</summary>
public sealed record ListingFailure(Uri Url, FetchResult Fetch);

/// <summary>A listing that was read but cannot be trusted to be complete, for the Failures table (stage <c>list</c>).</summary>
/// <param name="Url">The listing page or proxy request concerned.</param>
/// <param name="Kind">One of <see cref="ListingProblemKinds"/>.</param>
/// <param name="Error">What was seen, for an operator.</param>
public sealed record ListingProblem(Uri Url, string Kind, string Error);

/// <summary>The failure kinds a listing can end with besides fetch failures.</summary>
public static class ListingProblemKinds
{
    /// <summary>The listing yielded no report link, but its scripts or text hold report-like titles with years.</summary>
    public const string ScriptRenderedList = nameof(ScriptRenderedList);

    /// <summary>A data proxy answered a further group with records already seen: it ignores the range asked for.</summary>
    public const string ProxyRepeats = nameof(ProxyRepeats);
}

/// <summary>Everything the listing pages of a portal yielded.</summary>
/// <param name="Reports">Report links, deduplicated across all listing pages, in discovery order.</param>
/// <param name="PagesListed">Listing pages (proxy groups and data endpoint pages included) read successfully.</param>
/// <param name="Failures">Listing pages that could not be read.</param>
/// <param name="OffHostLinks">Report-looking links on hosts the portal does not allow.</param>
public sealed record DiscoveryResult(IReadOnlyList<ReportLink> Reports, int PagesListed, IReadOnlyList<ListingFailure> Failures, IReadOnlyList<Uri> OffHostLinks)
{
    /// <summary>Listings that were read but are blind or looped.</summary>
    public IReadOnlyList<ListingProblem> Problems { get; init; } = [];
}

/// <summary>
/// Walks a portal's listing pages from its start URLs: pagination links and script pagers, Hanweb jpage proxy groups,
/// JSON endpoints the page's scripts call, and the portal's URL template, all within the page cap per start URL.
/// </summary>
public sealed partial class ListingCrawler
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
        var walk = new Walk(portal);
        var blindListings = new List<ListingProblem>();

        foreach (var start in portal.StartUrls)
        {
            var budget = new PageBudget(cap);
            var before = walk.Reports.Count;
            (Uri Url, IReadOnlyList<string> Titles)? unread = null;
            var queue = new Queue<Uri>();
            queue.Enqueue(start);
            walk.SeenPages.Add(start);
            while (queue.Count > 0 && budget.TryTake())
            {
                var url = queue.Dequeue();
                var (fetch, page) = await ReadAsync(walk, new FetchRequest(url, portal), start, cancellationToken).ConfigureAwait(false);
                if (page is null)
                {
                    walk.Failures.Add(new ListingFailure(url, fetch));
                    continue;
                }

                foreach (var next in page.Pages.Where(walk.SeenPages.Add))
                {
                    queue.Enqueue(next);
                }

                if (page.UnreadTitles.Count > 0)
                {
                    unread ??= (url, page.UnreadTitles);
                }

                if (page.Proxy is { } proxy && walk.SeenProxies.Add(proxy.Url.AbsoluteUri + "?" + proxy.Form))
                {
                    await WalkProxyAsync(walk, proxy, page.Records, start, budget, cancellationToken).ConfigureAwait(false);
                }

                // A page that lists its reports itself may also call counters and search services: their failures are not the list's.
                foreach (var endpoint in page.DataEndpoints.Where(e => !walk.SeenPages.Contains(e)))
                {
                    await ReadNumberedAsync(walk, NumberedTemplate(endpoint), start, budget, recordFailures: page.Reports.Count == 0, cancellationToken).ConfigureAwait(false);
                }
            }

            if (walk.Reports.Count == before && unread is { } blind)
            {
                blindListings.Add(new ListingProblem(blind.Url, ListingProblemKinds.ScriptRenderedList, BlindListingError(blind.Titles)));
            }
        }

        if (portal.Pagination.UrlTemplate is { } template)
        {
            var scope = new Uri(template.Replace("{page}", "1", StringComparison.Ordinal));
            var before = walk.Reports.Count;
            await ReadNumberedAsync(walk, (template, portal.Pagination.FirstTemplatePage), scope, new PageBudget(cap), recordFailures: true, cancellationToken).ConfigureAwait(false);
            if (walk.Reports.Count > before)
            {
                // The portal entry names the endpoint that renders the list: the start page being blind is expected.
                blindListings.Clear();
            }
        }

        walk.Problems.AddRange(blindListings);

        return new DiscoveryResult(walk.Reports, walk.Listed, walk.Failures, walk.OffHost.ToList()) { Problems = walk.Problems };
    }

    private async Task<(FetchResult Fetch, ListingPage? Page)> ReadAsync(Walk walk, FetchRequest request, Uri scope, CancellationToken cancellationToken)
    {
        var fetch = await _fetcher.FetchAsync(request, cancellationToken).ConfigureAwait(false);
        if (fetch.Outcome != FetchOutcome.Fetched)
        {
            return (fetch, null);
        }

        walk.Listed++;
        var page = ListingParser.Parse(HtmlText.Decode(fetch.Body, fetch.ContentType), fetch.FinalUrl, scope, walk.Portal);
        foreach (var link in page.Reports.Where(l => walk.SeenReports.Add(l.Url)))
        {
            walk.Reports.Add(link);
        }

        foreach (var link in page.OffHostLinks.Where(walk.OffHost.Add))
        {
            HarvestLog.OffHostLink(_logger, walk.Portal.Id, link.AbsoluteUri);
        }

        HarvestLog.ListingRead(_logger, walk.Portal.Id, request.Url.AbsoluteUri, page.Reports.Count, page.Pages.Count);
        return (fetch, page);
    }

    // Group by group, as the page's jpage script would: POST with the form fields. A server that refuses the first POST
    // (an HTTP error) or answers it with no records is asked again by GET with the fields in the query, and then always by GET.
    // The walk ends at totalRecord, at an empty group, at a group repeating any record seen, or when the budget is spent.
    private async Task WalkProxyAsync(Walk walk, JpageProxy proxy, IReadOnlyList<string> inline, Uri scope, PageBudget budget, CancellationToken cancellationToken)
    {
        var seenRecords = new HashSet<string>(inline, StringComparer.Ordinal);
        bool? byGet = null;
        for (var start = proxy.FirstRecord; (proxy.TotalRecord is not { } total || start <= total) && budget.TryTake(); start += proxy.GroupSize)
        {
            var end = start + proxy.GroupSize - 1;
            var (fetch, answer) = await ReadAsync(walk, ProxyRequest(walk, proxy, start, end, byGet ?? false), scope, cancellationToken).ConfigureAwait(false);
            if (byGet is null)
            {
                if (answer is { Records.Count: > 0 })
                {
                    byGet = false;
                }
                else if (fetch.Outcome == FetchOutcome.Fetched || fetch.Failure == FetchFailure.HttpStatus)
                {
                    // Only a server that answered is asked again; robots.txt and address rules refuse both alike.
                    var (got, byQuery) = await ReadAsync(walk, ProxyRequest(walk, proxy, start, end, byGet: true), scope, cancellationToken).ConfigureAwait(false);
                    if (byQuery is { Records.Count: > 0 })
                    {
                        byGet = true;
                        answer = byQuery;
                    }
                    else if (answer is null)
                    {
                        var reason = byQuery is null ? got.Error ?? got.Outcome.ToString() : "no records";
                        walk.Failures.Add(new ListingFailure(fetch.RequestedUrl, fetch with { Error = $"data proxy by POST: {fetch.Error ?? fetch.Outcome.ToString()}; by GET: {reason}" }));
                        return;
                    }
                }
            }

            if (answer is null)
            {
                walk.Failures.Add(new ListingFailure(fetch.RequestedUrl, fetch));
                return;
            }

            if (answer.Records.Count == 0)
            {
                return;
            }

            var fresh = answer.Records.Count(seenRecords.Add);
            if (fresh == 0)
            {
                walk.Problems.Add(new ListingProblem(fetch.RequestedUrl, ListingProblemKinds.ProxyRepeats, string.Create(CultureInfo.InvariantCulture,
                    $"the data proxy answered records {start}-{end} with {answer.Records.Count} records all seen before: it ignores startrecord, so the walk stopped after {seenRecords.Count} records{(proxy.TotalRecord is { } t ? $" of {t}" : string.Empty)}")));
                return;
            }

            if (fresh < answer.Records.Count)
            {
                return;
            }
        }
    }

    private static FetchRequest ProxyRequest(Walk walk, JpageProxy proxy, int start, int end, bool byGet) => byGet
        ? new FetchRequest(proxy.GroupUrl(start, end, withForm: true), walk.Portal)
        : new FetchRequest(proxy.GroupUrl(start, end, withForm: false), walk.Portal) { FormBody = proxy.Form };

    // Pages of a numbered list (a JSON endpoint or the portal's URL template) from the first until one adds no report
    // and no data entry (a page of explainers is not the end of a list);
    // a list without a page number is read once. Pages already read elsewhere are skipped.
    private async Task ReadNumberedAsync(Walk walk, (string Template, int? First) list, Uri scope, PageBudget budget, bool recordFailures, CancellationToken cancellationToken)
    {
        for (var n = list.First ?? 1; budget.TryTake(); n++)
        {
            var url = new Uri(list.Template.Replace("{page}", n.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
            if (walk.SeenPages.Add(url))
            {
                var reports = walk.Reports.Count;
                var (fetch, page) = await ReadAsync(walk, new FetchRequest(url, walk.Portal), scope, cancellationToken).ConfigureAwait(false);
                if (page is null)
                {
                    if (recordFailures)
                    {
                        walk.Failures.Add(new ListingFailure(url, fetch));
                    }

                    return;
                }

                if (walk.Reports.Count == reports && page.DataItems.Count(walk.SeenDataItems.Add) == 0)
                {
                    return;
                }
            }

            if (list.First is null)
            {
                return;
            }
        }
    }

    // An endpoint with a page number in its query is read page by page; any other is read once.
    private static (string Template, int? First) NumberedTemplate(Uri endpoint)
    {
        var match = PageParameter().Match(endpoint.AbsoluteUri);
        return match.Success
            ? (endpoint.AbsoluteUri[..match.Groups["n"].Index] + "{page}" + endpoint.AbsoluteUri[(match.Groups["n"].Index + match.Groups["n"].Length)..],
                int.Parse(match.Groups["n"].ValueSpan, CultureInfo.InvariantCulture))
            : (endpoint.AbsoluteUri, null);
    }

    private static string BlindListingError(IReadOnlyList<string> titles) =>
        $"no report link could be read, yet the page's scripts or text name {titles.Count.ToString(CultureInfo.InvariantCulture)} report-like title(s) with years, e.g. {string.Join(", ", titles.Take(3).Select(t => "「" + t + "」"))}: "
        + "the list is rendered by script from data not found on the page; name its JSON endpoint (pagination.urlTemplate) and fields (links.dataFields) in the portal entry";

    [GeneratedRegex(@"[?&](?:page|pageNo|pageIndex|pageNum|curPage|currentPage|p)=(?<n>\d{1,6})(?=&|$|#)", RegexOptions.IgnoreCase)]
    private static partial Regex PageParameter();

    // Listing pages one start URL may still read.
    private sealed class PageBudget(int pages)
    {
        private int _left = pages;

        public bool TryTake()
        {
            if (_left <= 0)
            {
                return false;
            }

            _left--;
            return true;
        }
    }

    // What the listing walk of one portal has found so far.
    private sealed class Walk(PortalDefinition portal)
    {
        public PortalDefinition Portal { get; } = portal;

        public List<ReportLink> Reports { get; } = [];

        public HashSet<Uri> SeenReports { get; } = [];

        public HashSet<Uri> SeenPages { get; } = [];

        public HashSet<string> SeenProxies { get; } = new(StringComparer.Ordinal);

        public HashSet<Uri> SeenDataItems { get; } = [];

        public List<ListingFailure> Failures { get; } = [];

        public List<ListingProblem> Problems { get; } = [];

        public HashSet<Uri> OffHost { get; } = [];

        public int Listed { get; set; }
    }
}
