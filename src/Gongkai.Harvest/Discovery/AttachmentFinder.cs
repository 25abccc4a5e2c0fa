using Gongkai.Harvest.Portals;
using HtmlAgilityPack;

namespace Gongkai.Harvest.Discovery;

/// <summary>Finds the attachments (PDF, DOC, DOCX, WPS …) linked from a report page.</summary>
public static class AttachmentFinder
{
    /// <summary>Attachment links on the decoded report page, allowed hosts only, without duplicates.</summary>
    public static IReadOnlyList<AttachmentLink> Find(string html, Uri pageUrl, PortalDefinition portal)
    {
        ArgumentNullException.ThrowIfNull(portal);
        if (!portal.Attachments.Enabled)
        {
            return [];
        }

        var document = new HtmlDocument();
        document.LoadHtml(html);
        var result = new List<AttachmentLink>();
        var seen = new HashSet<Uri>();
        foreach (var anchor in document.DocumentNode.Descendants("a"))
        {
            var href = System.Net.WebUtility.HtmlDecode(anchor.GetAttributeValue("href", string.Empty).Trim());
            if (href.Length == 0 || !Uri.TryCreate(pageUrl, href, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                continue;
            }

            var extension = Extension(url.AbsolutePath);
            if (extension is null || !portal.Attachments.Extensions.Contains(extension) || !portal.IsAllowedHost(url))
            {
                continue;
            }

            url = string.IsNullOrEmpty(url.Fragment) ? url : new UriBuilder(url) { Fragment = string.Empty }.Uri;
            if (seen.Add(url))
            {
                result.Add(new AttachmentLink(url, HtmlText.Normalize(anchor.InnerText)));
            }
        }

        return result;
    }

    /// <summary>The lower-case extension of the path's last segment, or null.</summary>
    public static string? Extension(string path)
    {
        var slash = path.LastIndexOf('/');
        var dot = path.LastIndexOf('.');
        return dot > slash && dot < path.Length - 1 ? path[(dot + 1)..].ToLowerInvariant() : null;
    }
}
