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
public sealed record ListingPage(IReadOnlyList<ReportLink> Reports, IReadOnlyList<Uri> Pages, IReadOnlyList<Uri> OffHostLinks);
