using System.Globalization;
using System.Text.RegularExpressions;
using Gongkai.Harvest.Portals;
using HtmlAgilityPack;

namespace Gongkai.Harvest.Discovery;

/// <summary>Reads a listing page: the report links on it and the further listing pages it points to.</summary>
public static partial class ListingParser
{
    private static readonly string[] NextTexts = ["下一页", "下页", "后页", "下一頁", "下頁", "後頁", "next", "next page", ">", ">>", "»", "›"];

    /// <summary>Parses decoded listing HTML fetched from <paramref name="pageUrl"/>; <paramref name="scope"/> is the start URL the pagination must stay under.</summary>
    public static ListingPage Parse(string html, Uri pageUrl, Uri scope, PortalDefinition portal)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(pageUrl);
        ArgumentNullException.ThrowIfNull(portal);

        var document = new HtmlDocument();
        document.LoadHtml(CdataRecords(html));
        var baseUrl = BaseUrl(document, pageUrl);

        var reports = new List<ReportLink>();
        var seenReports = new HashSet<Uri>();
        var pages = new List<Uri>();
        var seenPages = new HashSet<Uri>();
        var offHost = new List<Uri>();

        void AddPage(Uri url)
        {
            if (InScope(url, scope, portal) && url != pageUrl && seenPages.Add(url))
            {
                pages.Add(url);
            }
        }

        if (portal.Pagination.FollowScriptPages)
        {
            foreach (var url in ScriptPages(html, baseUrl))
            {
                AddPage(url);
            }
        }

        foreach (var anchor in document.DocumentNode.Descendants("a"))
        {
            var href = anchor.GetAttributeValue("href", string.Empty).Trim();
            if (href.Length == 0 || href.StartsWith('#') || href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)
                || href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!Uri.TryCreate(baseUrl, System.Net.WebUtility.HtmlDecode(href), out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                continue;
            }

            url = WithoutFragment(url);
            var text = HtmlText.Normalize(anchor.InnerText);
            var title = HtmlText.Normalize(anchor.GetAttributeValue("title", string.Empty));
            // CMS listings truncate long titles ("…年度报告..."), keeping the full one in the title attribute.
            var label = title.Length > text.TrimEnd('.', '…').Length ? title : text;

            if (ReportLinkMatcher.IsReport(label, portal.Links, out var year))
            {
                if (!portal.IsAllowedHost(url))
                {
                    offHost.Add(url);
                }
                else if (seenReports.Add(url))
                {
                    reports.Add(new ReportLink(url, label, DateBeside(anchor), year, pageUrl));
                }

                continue;
            }

            if (portal.Pagination.FollowNextLinks && IsPagerLink(text, url))
            {
                AddPage(url);
            }
        }

        return new ListingPage(reports, pages, offHost);
    }

    /// <summary>The listing pages a TRS <c>createPageHTML(count, current, "index", "html")</c> call writes: index.html, index_1.html … index_{count-1}.html.</summary>
    public static IReadOnlyList<Uri> ScriptPages(string html, Uri baseUrl)
    {
        var result = new List<Uri>();
        foreach (Match call in CreatePageHtml().Matches(html))
        {
            var count = ScriptNumber(html, call.Groups["count"].Value);
            if (count is null or < 1)
            {
                continue;
            }

            var name = call.Groups["name"].Value;
            var ext = call.Groups["ext"].Value;
            for (var i = 0; i < Math.Min(count.Value, 10_000); i++)
            {
                var file = i == 0 ? $"{name}.{ext}" : $"{name}_{i.ToString(CultureInfo.InvariantCulture)}.{ext}";
                if (Uri.TryCreate(baseUrl, file, out var url))
                {
                    result.Add(url);
                }
            }
        }

        return result;
    }

    private static int? ScriptNumber(string html, string token)
    {
        if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        // TRS templates often pass variables: var countPage = 5; createPageHTML(countPage, currentPage, ...)
        var assignment = Regex.Match(html, @"\b" + Regex.Escape(token) + @"\s*=\s*(\d+)", RegexOptions.None, TimeSpan.FromSeconds(1));
        return assignment.Success && int.TryParse(assignment.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out n) ? n : null;
    }

    private static bool IsPagerLink(string text, Uri url)
    {
        var t = text.Trim().ToLowerInvariant();
        if (Array.IndexOf(NextTexts, t) >= 0)
        {
            return true;
        }

        // Numbered pager links and 首页/尾页 only count when the URL has a pagination shape.
        var numbered = t.Length > 0 && (t.All(char.IsAsciiDigit) || t is "首页" or "尾页" or "末页" or "上一页" or "上页" or "首頁" or "尾頁" or "上一頁");
        return numbered && (PagedFile().IsMatch(url.AbsolutePath) || PageQuery().IsMatch(url.Query));
    }

    private static bool InScope(Uri url, Uri scope, PortalDefinition portal)
    {
        if (!portal.IsAllowedHost(url))
        {
            return false;
        }

        // Pagination stays inside the start URL's folder so a pager link cannot walk the crawl into another column.
        var folder = scope.AbsolutePath[..(scope.AbsolutePath.LastIndexOf('/') + 1)];
        return url.AbsolutePath.StartsWith(folder, StringComparison.Ordinal);
    }

    private static DateOnly? DateBeside(HtmlNode anchor)
    {
        for (var node = anchor.ParentNode; node is not null && node.Name != "body" && node.Name != "#document"; node = node.ParentNode)
        {
            var match = DatePattern().Match(HtmlText.Normalize(node.InnerText));
            if (match.Success)
            {
                var y = int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
                var m = int.Parse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture);
                var d = int.Parse(match.Groups[3].ValueSpan, CultureInfo.InvariantCulture);
                return m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m) ? new DateOnly(y, m, d) : null;
            }

            if (node.Name is "li" or "tr" or "dd" or "p")
            {
                break;
            }
        }

        return null;
    }

    private static Uri BaseUrl(HtmlDocument document, Uri pageUrl)
    {
        var href = document.DocumentNode.SelectSingleNode("//base[@href]")?.GetAttributeValue("href", string.Empty);
        return href is { Length: > 0 } && Uri.TryCreate(pageUrl, href, out var b) && (b.Scheme == Uri.UriSchemeHttp || b.Scheme == Uri.UriSchemeHttps) ? b : pageUrl;
    }

    private static Uri WithoutFragment(Uri url) =>
        string.IsNullOrEmpty(url.Fragment) ? url : new UriBuilder(url) { Fragment = string.Empty }.Uri;

    // Hanweb data proxies answer with <record><![CDATA[<li>…</li>]]></record>; the records are the listing.
    private static string CdataRecords(string html)
    {
        if (!html.Contains("<![CDATA[", StringComparison.Ordinal))
        {
            return html;
        }

        return Cdata().Replace(html, m => m.Groups[1].Value);
    }

    [GeneratedRegex("""createPageHTML\(\s*(?<count>[\w.]+)\s*,\s*(?<current>[\w.]+)\s*,\s*["'](?<name>[\w\-]+)["']\s*,\s*["'](?<ext>\w+)["']""")]
    private static partial Regex CreatePageHtml();

    [GeneratedRegex(@"(?<!\d)(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"_\d+\.s?html?$", RegexOptions.IgnoreCase)]
    private static partial Regex PagedFile();

    [GeneratedRegex(@"[?&](page|pageNo|pageIndex|pageNum|p|curpage)=\d+", RegexOptions.IgnoreCase)]
    private static partial Regex PageQuery();

    [GeneratedRegex(@"<!\[CDATA\[(.*?)\]\]>", RegexOptions.Singleline)]
    private static partial Regex Cdata();
}
