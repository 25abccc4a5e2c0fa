namespace Gongkai.Harvest.Discovery;

/// <summary>A report link found on a listing page.</summary>
/// <param name="Url">Absolute URL of the report page (fragment removed).</param>
/// <param name="Text">The link's text, or its title when the text is truncated or empty.</param>
/// <param name="Date">The date shown beside the link, when there is one.</param>
/// <param name="Year">The report year named by the link text, when it names one.</param>
/// <param name="ListingUrl">The listing page the link was found on.</param>
public sealed record ReportLink(Uri Url, string Text, DateOnly? Date, int? Year, Uri ListingUrl);

/// <summary>A file linked from a report page that is stored beside it.</summary>
public sealed record AttachmentLink(Uri Url, string Text);

/// <summary>What one listing page yielded.</summary>
/// <param name="Reports">Report links on the page, in page order, without duplicates.</param>
/// <param name="Pages">Further listing pages the page points to (pagination), in order.</param>
/// <param name="OffHostLinks">Links that looked like reports but are on hosts the portal does not allow.</param>
public sealed record ListingPage(IReadOnlyList<ReportLink> Reports, IReadOnlyList<Uri> Pages, IReadOnlyList<Uri> OffHostLinks)
{
    /// <summary>The markup of each Hanweb datastore record on the page, in order (how a proxy walk tells a repeat).</summary>
    public IReadOnlyList<string> Records { get; init; } = [];

    /// <summary>The URL of every list entry read from script data or JSON on the page, reports or not (how a data list's end is told).</summary>
    public IReadOnlyList<Uri> DataItems { get; init; } = [];

    /// <summary>The Hanweb jpage proxy that serves the column's further record groups, when the page names one.</summary>
    public JpageProxy? Proxy { get; init; }

    /// <summary>JSON endpoints the page's scripts call for list data (allowed hosts only).</summary>
    public IReadOnlyList<Uri> DataEndpoints { get; init; } = [];

    /// <summary>When the page yielded no report link: report-like titles with years seen in its scripts or loose text.</summary>
    public IReadOnlyList<string> UnreadTitles { get; init; } = [];
}
