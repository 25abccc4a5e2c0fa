using System.Globalization;
using System.Text.RegularExpressions;
using Gongkai.Harvest.Portals;
using HtmlAgilityPack;

namespace Gongkai.Harvest.Discovery;

/// <summary>Reads a listing page: the report links on it and the further listing pages it points to.</summary>
public static partial class ListingParser
{
    private static readonly string[] ReportWords = ["年度报告", "年度報告", "年报", "年報"];

    private static readonly string[] NextTexts = ["下一页", "下页", "后页", "下一頁", "下頁", "後頁", "next", "next page", ">", ">>", "»", "›"];

    /// <summary>Parses decoded listing HTML fetched from <paramref name="pageUrl"/>; <paramref name="scope"/> is the start URL the pagination must stay under.</summary>
    public static ListingPage Parse(string html, Uri pageUrl, Uri scope, PortalDefinition portal)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(pageUrl);
        ArgumentNullException.ThrowIfNull(portal);

        var document = new HtmlDocument();
        document.LoadHtml(CdataRecords(HanwebDatastore.Unwrap(html)));
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

        bool AddReport(string href, string label, DateOnly? date)
        {
            if (Resolve(baseUrl, href) is not { } url || !ReportLinkMatcher.IsReport(label, portal.Links, out var year))
            {
                return false;
            }

            if (!portal.IsAllowedHost(url))
            {
                offHost.Add(url);
            }
            else if (seenReports.Add(url))
            {
                reports.Add(new ReportLink(url, label, date, year, pageUrl));
            }

            return true;
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

            var text = HtmlText.Normalize(anchor.InnerText);
            var title = HtmlText.Normalize(anchor.GetAttributeValue("title", string.Empty));
            // CMS listings truncate long titles ("…年度报告..."), keeping the full one in the title attribute.
            var label = title.Length > text.TrimEnd('.', '…').Length ? title : text;
            if (AddReport(href, label, DateBeside(anchor)))
            {
                continue;
            }

            if (portal.Pagination.FollowNextLinks && Resolve(baseUrl, href) is { } url && IsPagerLink(text, url))
            {
                AddPage(url);
            }
        }

        // Lists rendered by script: the data is in the page's scripts, or the whole answer is data (an endpoint's JSON or JSONP).
        IReadOnlyList<string> scripts = IsMarkup(html) ? ScriptTexts(document) : [html];
        var dataItems = new List<Uri>();
        foreach (var item in scripts.SelectMany(s => ScriptDataItems.Find(s, portal.Links.DataFields)))
        {
            if (Resolve(baseUrl, item.Url) is { } url)
            {
                dataItems.Add(url);
            }

            AddReport(item.Url, item.Title, ParseDate(item.Date));
        }

        return new ListingPage(reports, pages, offHost)
        {
            Records = HanwebDatastore.Records(html),
            DataItems = dataItems,
            Proxy = HanwebDatastore.Proxy(html, baseUrl),
            DataEndpoints = ScriptDataEndpoints.Find(scripts, baseUrl, portal).Except(dataItems).Except(seenReports).ToList(),
            UnreadTitles = reports.Count == 0 ? UnreadReportTitles(document, scripts, portal) : [],
        };
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
            var text = HtmlText.Normalize(node.InnerText);
            if (DatePattern().IsMatch(text))
            {
                return ParseDate(text);
            }

            if (node.Name is "li" or "tr" or "dd" or "p")
            {
                break;
            }
        }

        return null;
    }

    /// <summary>The first date written in <paramref name="text"/> (<c>2023-01-28</c>, <c>2023年1月28日</c>), or a Unix time in milliseconds read as a date in China.</summary>
    public static DateOnly? ParseDate(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var match = DatePattern().Match(text);
        if (match.Success)
        {
            var y = int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
            var m = int.Parse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture);
            var d = int.Parse(match.Groups[3].ValueSpan, CultureInfo.InvariantCulture);
            return m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m) ? new DateOnly(y, m, d) : null;
        }

        // JSON endpoints often send publication times as epoch milliseconds.
        return text.Length == 13 && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(ms).ToOffset(TimeSpan.FromHours(8)).DateTime)
            : null;
    }

    private static bool IsMarkup(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        return trimmed.Length > 0 && trimmed[0] == '<';
    }

    // The text of inline scripts; a script's contents are data or code, never markup.
    private static List<string> ScriptTexts(HtmlDocument document) =>
        document.DocumentNode.Descendants("script").Select(s => s.InnerText).Where(t => !string.IsNullOrWhiteSpace(t)).ToList();

    // Titles that read as reports in the page's scripts or loose text, where no link carries them: a list the parser cannot see.
    private static IReadOnlyList<string> UnreadReportTitles(HtmlDocument document, IReadOnlyList<string> scripts, PortalDefinition portal)
    {
        var loose = document.DocumentNode.DescendantsAndSelf()
            .Where(n => n.NodeType == HtmlNodeType.Text && n.ParentNode?.Name is not ("script" or "style") && !n.Ancestors("a").Any())
            .Select(n => n.InnerText);
        var titles = new List<string>();
        // Only texts naming a report are searched: the title pattern is slow on long scripts that do not.
        foreach (var text in scripts.Concat(loose).Select(System.Net.WebUtility.HtmlDecode).Where(t => ReportWords.Any(w => t!.Contains(w, StringComparison.Ordinal))))
        {
            foreach (Match match in ReportTitle().Matches(text!))
            {
                var title = match.Value.Trim();
                if (ReportLinkMatcher.IsReport(title, portal.Links, out _) && !titles.Contains(title))
                {
                    titles.Add(title);
                }
            }
        }

        return titles;
    }

    private static Uri BaseUrl(HtmlDocument document, Uri pageUrl)
    {
        var href = document.DocumentNode.SelectSingleNode("//base[@href]")?.GetAttributeValue("href", string.Empty);
        return href is { Length: > 0 } && Uri.TryCreate(pageUrl, href, out var b) && (b.Scheme == Uri.UriSchemeHttp || b.Scheme == Uri.UriSchemeHttps) ? b : pageUrl;
    }

    // An absolute http(s) URL without its fragment, or null.
    private static Uri? Resolve(Uri baseUrl, string href) =>
        Uri.TryCreate(baseUrl, System.Net.WebUtility.HtmlDecode(href), out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? WithoutFragment(url)
            : null;

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

    [GeneratedRegex(@"[^\s<>""'{}\[\],:;，。]{0,60}?(?:19|20)\d{2}\s*年[^\s<>""'{}\[\],:;，。]{0,60}?(?:年度报告|年度報告|年报|年報)")]
    private static partial Regex ReportTitle();

    [GeneratedRegex(@"<!\[CDATA\[(.*?)\]\]>", RegexOptions.Singleline)]
    private static partial Regex Cdata();
}
