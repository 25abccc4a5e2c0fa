using System.Net;
using System.Text.RegularExpressions;

namespace Gongkai.Harvest.Portals;

/// <summary>One portal's report column(s) and how to crawl them; built from a validated <c>portals.json</c> entry.</summary>
public sealed record PortalDefinition
{
    /// <summary>Stable id (lower-case letters, digits, dashes); used in blob names, table keys and the lease.</summary>
    public required string Id { get; init; }

    /// <summary>Human-readable name.</summary>
    public required string Name { get; init; }

    /// <summary>The agency whose reports the column holds, when it is one agency.</summary>
    public string? Agency { get; init; }

    /// <summary>The listing pages the crawl starts from.</summary>
    public required IReadOnlyList<Uri> StartUrls { get; init; }

    /// <summary>Hosts the crawler may fetch from (lower-case, port included when not the default).</summary>
    public required IReadOnlySet<string> AllowedHosts { get; init; }

    /// <summary>How report links are recognised on listing pages.</summary>
    public required ReportLinkRules Links { get; init; }

    /// <summary>How further listing pages are found.</summary>
    public required PaginationRules Pagination { get; init; }

    /// <summary>Which linked files on a report page are stored beside it.</summary>
    public required AttachmentRules Attachments { get; init; }

    /// <summary>Per-host concurrency for this portal's hosts (null = the global default).</summary>
    public int? Concurrency { get; init; }

    /// <summary>Minimum delay between requests to this portal's hosts (null = the global default).</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>Lets this portal reach private, loopback and link-local addresses (for loopback fixtures and intranets).</summary>
    public bool AllowPrivateNetworks { get; init; }

    /// <summary>When private networks are allowed, narrows them to these ranges (empty = all).</summary>
    public IReadOnlyList<IPNetwork> AllowedPrivateNetworks { get; init; } = [];

    /// <summary>Whether the URL's host (and port) is one this portal may fetch.</summary>
    public bool IsAllowedHost(Uri url) => AllowedHosts.Contains(HostKey(url));

    /// <summary>The host key used for allow-lists and politeness: host, plus the port when it is not the scheme's default.</summary>
    public static string HostKey(Uri url) => url.IsDefaultPort ? url.IdnHost.ToLowerInvariant() : $"{url.IdnHost.ToLowerInvariant()}:{url.Port}";
}

/// <summary>Report link recognition: a link qualifies when its text or title matches all of <see cref="Include"/>, none of <see cref="Exclude"/>, and names a year when <see cref="RequireYear"/> is set.</summary>
public sealed record ReportLinkRules(IReadOnlyList<Regex> Include, IReadOnlyList<Regex> Exclude, bool RequireYear)
{
    /// <summary>The field names of list entries held as script data or JSON, where guessing them fails (null = guess).</summary>
    public DataFieldNames? DataFields { get; init; }

    /// <summary>Defaults that fit the usual Chinese CMS report columns, Simplified and Traditional.</summary>
    public static ReportLinkRules Default { get; } = new(
        [
            new Regex("年度报告|年度報告|年报|年報|工作报告|工作報告", RegexOptions.CultureInvariant),
            new Regex("信息公开|信息公開|政务公开|政務公開", RegexOptions.CultureInvariant),
        ],
        [
            // The government *work* report, notices about compiling reports, work-point letters, explainers.
            new Regex("政府工作报告|政府工作報告|工作要点|工作要點|通知|的函|编制|編制|报送|報送|解读|解讀|图解|圖解|指南|目录|目錄|意见|意見|方案", RegexOptions.CultureInvariant),
        ],
        RequireYear: true);
}

/// <summary>The names of the fields of a list entry held as data (<c>[{"docTitle": …, "docUrl": …}]</c>); a null name is guessed.</summary>
public sealed record DataFieldNames(string? Title, string? Url, string? Date);

/// <summary>How a listing's further pages are found.</summary>
/// <param name="MaxPages">Listing pages followed per start URL, the first included.</param>
/// <param name="FollowScriptPages">Expand TRS <c>createPageHTML(count, current, "index", "html")</c> calls to <c>index_N.html</c>.</param>
/// <param name="FollowNextLinks">Follow "下一页"-style links and numbered page links (<c>index_N.html</c>, <c>?page=N</c>).</param>
/// <param name="UrlTemplate">An explicit page URL with <c>{page}</c> (e.g. a data-proxy or JSON list); pages from <see cref="FirstTemplatePage"/> on are read until one yields no new links.</param>
/// <param name="FirstTemplatePage">The first value substituted for <c>{page}</c>.</param>
public sealed record PaginationRules(int MaxPages, bool FollowScriptPages, bool FollowNextLinks, string? UrlTemplate, int FirstTemplatePage);

/// <summary>Attachments stored as their own blobs, linked to their report page.</summary>
public sealed record AttachmentRules(bool Enabled, IReadOnlySet<string> Extensions)
{
    /// <summary>PDF, Word and WPS files.</summary>
    public static IReadOnlySet<string> DefaultExtensions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "pdf", "doc", "docx", "wps" };
}
