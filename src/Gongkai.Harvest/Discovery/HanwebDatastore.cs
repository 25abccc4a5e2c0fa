using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Gongkai.Harvest.Discovery;

/// <summary>
/// Where a Hanweb (大汉) column's further record groups come from: its jpage data proxy, the form fields the page's
/// script posts to it, and the sizes from the page's <c>jpage({…})</c> call.
/// </summary>
/// <param name="Url">The proxy (…/jpage/dataproxy.jsp), without a query.</param>
/// <param name="Form">The form fields, percent-encoded (<c>col=1&amp;appid=1&amp;webid=…&amp;columnid=…</c>).</param>
/// <param name="PerPage">Records per displayed page (the proxy's <c>perpage</c>).</param>
/// <param name="GroupSize">Records per group: the proxy is asked for this many at a time.</param>
/// <param name="FirstRecord">The first record the proxy is asked for (the page itself carries those before it).</param>
/// <param name="TotalRecord">Records in the column, when the page says.</param>
public sealed record JpageProxy(Uri Url, string Form, int PerPage, int GroupSize, int FirstRecord, int? TotalRecord)
{
    /// <summary>The proxy URL asking for records <paramref name="start"/> to <paramref name="end"/>, the form fields in the query too when <paramref name="withForm"/> (servers that answer GET).</summary>
    public Uri GroupUrl(int start, int end, bool withForm)
    {
        var query = string.Create(CultureInfo.InvariantCulture, $"startrecord={start}&endrecord={end}&perpage={PerPage}");
        return new UriBuilder(Url) { Query = withForm && Form.Length > 0 ? query + "&" + Form : query }.Uri;
    }
}

/// <summary>
/// Reads Hanweb's <c>&lt;datastore&gt;</c>: the column page carries its first group of records as
/// <c>&lt;record&gt;&lt;![CDATA[&lt;li&gt;&lt;a …&gt;]]&gt;&lt;/record&gt;</c> inside <c>&lt;script type="text/xml"&gt;</c>, which an HTML
/// parser keeps as script text, and names the data proxy for the rest in <c>&lt;nextgroup&gt;</c>; the proxy answers
/// with the same XML.
/// </summary>
public static partial class HanwebDatastore
{
    private const int DefaultPerPage = 15;
    private const int DefaultPagesPerGroup = 3;

    /// <summary>Replaces each script element that holds a datastore by the datastore itself, so its records are markup again.</summary>
    public static string Unwrap(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return html.Contains("<datastore", StringComparison.OrdinalIgnoreCase) ? DatastoreScript().Replace(html, m => m.Groups["body"].Value) : html;
    }

    /// <summary>The markup of each <c>&lt;record&gt;</c>, in order, trimmed.</summary>
    public static IReadOnlyList<string> Records(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Contains("<record", StringComparison.OrdinalIgnoreCase) ? Record().Matches(text).Select(m => m.Groups[1].Value.Trim()).ToList() : [];
    }

    /// <summary>
    /// The jpage proxy a page (or a proxy answer) points to, from its <c>&lt;nextgroup&gt;</c> link and/or its
    /// <c>jpage({perPage, totalRecord, proxyUrl})</c> call; null when it names none.
    /// </summary>
    public static JpageProxy? Proxy(string html, Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!html.Contains("nextgroup", StringComparison.OrdinalIgnoreCase) && !html.Contains("jpage", StringComparison.Ordinal))
        {
            return null;
        }

        var records = Record().Count(html);
        string? href = null;
        var nextGroup = NextGroup().Match(html);
        if (nextGroup.Success && Href().Match(nextGroup.Groups[1].Value) is { Success: true } a)
        {
            href = WebUtility.HtmlDecode(a.Groups[1].Value).Trim();
        }

        var call = JpageCall().Match(html);
        var options = call.Success ? html.Substring(call.Index, Math.Min(4000, html.Length - call.Index)) : string.Empty;
        var proxyUrl = Option(ProxyUrlOption(), options);
        href ??= proxyUrl;
        if (href is null || !Uri.TryCreate(baseUrl, href, out var link) || (link.Scheme != Uri.UriSchemeHttp && link.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        var perPage = Number(Option(PerPageOption(), options)) ?? Number(QueryValue(link.Query, "perpage")) ?? DefaultPerPage;
        var total = Number(Option(TotalRecordOption(), options)) ?? Number(TotalRecordTag().Match(html) is { Success: true } t ? t.Groups[1].Value : null);
        var pagesPerGroup = Number(Option(GroupSizeOption(), options)) ?? DefaultPagesPerGroup;
        // The page's own group sets the group size: that is what the proxy was built to serve.
        var groupSize = records > 0 ? records : perPage * pagesPerGroup;
        return new JpageProxy(new UriBuilder(link) { Query = string.Empty, Fragment = string.Empty }.Uri, Form(link.Query), perPage, groupSize, records + 1, total);
    }

    // The nextgroup link's query without its page number, plus the two fields jpage's script always posts.
    private static string Form(string query)
    {
        var fields = query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => !p[0].Equals("page", StringComparison.OrdinalIgnoreCase) && !p[0].Equals("startrecord", StringComparison.OrdinalIgnoreCase)
                && !p[0].Equals("endrecord", StringComparison.OrdinalIgnoreCase) && !p[0].Equals("perpage", StringComparison.OrdinalIgnoreCase))
            .Select(p => (Name: p[0], Value: p.Length > 1 ? p[1] : string.Empty))
            .ToList();
        if (fields.Count == 0)
        {
            return string.Empty;
        }

        if (!fields.Any(f => f.Name == "col"))
        {
            fields.Insert(0, ("col", "1"));
        }

        if (!fields.Any(f => f.Name == "sourceContentType"))
        {
            var column = fields.FindIndex(f => f.Name == "columnid");
            fields.Insert(column < 0 ? fields.Count : column + 1, ("sourceContentType", "1"));
        }

        return string.Join('&', fields.Select(f => EncodeNonAscii(f.Name) + "=" + EncodeNonAscii(f.Value)));
    }

    // Links written in pages often carry raw Chinese (webname=某某市); a form body must be ASCII.
    private static string EncodeNonAscii(string value)
    {
        if (value.All(char.IsAscii))
        {
            return value;
        }

        var builder = new StringBuilder();
        foreach (var rune in value.EnumerateRunes())
        {
            builder.Append(rune.IsAscii ? rune.ToString() : Uri.EscapeDataString(rune.ToString()));
        }

        return builder.ToString();
    }

    private static string? QueryValue(string query, string name) =>
        query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).FirstOrDefault(p => p.Length == 2 && p[0].Equals(name, StringComparison.OrdinalIgnoreCase))?[1];

    private static string? Option(Regex pattern, string options) =>
        options.Length > 0 && pattern.Match(options) is { Success: true } m ? m.Groups[1].Value : null;

    private static int? Number(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;

    [GeneratedRegex(@"<script\b[^>]*>(?<body>\s*<datastore\b.*?</datastore>)\s*</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex DatastoreScript();

    [GeneratedRegex(@"<record\b[^>]*>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Record();

    [GeneratedRegex(@"<nextgroup\b[^>]*>\s*<!\[CDATA\[(.*?)\]\]>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex NextGroup();

    [GeneratedRegex("""href\s*=\s*["']([^"']+)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex Href();

    [GeneratedRegex(@"<totalrecord>\s*(\d+)\s*</totalrecord>", RegexOptions.IgnoreCase)]
    private static partial Regex TotalRecordTag();

    [GeneratedRegex(@"\.jpage\s*\(\s*\{|\bjpage\s*\(\s*\{")]
    private static partial Regex JpageCall();

    [GeneratedRegex("""\bperPage\s*:\s*["']?(\d+)""")]
    private static partial Regex PerPageOption();

    [GeneratedRegex("""\btotalRecord\s*:\s*["']?(\d+)""")]
    private static partial Regex TotalRecordOption();

    [GeneratedRegex("""\bgroupSize\s*:\s*["']?(\d+)""")]
    private static partial Regex GroupSizeOption();

    [GeneratedRegex("""\bproxyUrl\s*:\s*["']([^"']+)["']""")]
    private static partial Regex ProxyUrlOption();
}
