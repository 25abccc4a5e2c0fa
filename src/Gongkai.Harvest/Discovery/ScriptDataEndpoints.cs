using System.Text.RegularExpressions;
using Gongkai.Harvest.Portals;

namespace Gongkai.Harvest.Discovery;

/// <summary>
/// Finds the JSON endpoints a page's scripts call for list data: the URL given to <c>$.ajax({url: …})</c>,
/// <c>$.getJSON</c>, <c>$.get</c>/<c>$.post</c>, <c>fetch</c> or <c>axios</c>. A URL the script finishes by concatenation
/// (<c>'/api/list?pageNo=' + page</c>) is read from its first page.
/// </summary>
public static partial class ScriptDataEndpoints
{
    private static readonly HashSet<string> NotData = new(StringComparer.OrdinalIgnoreCase) { "js", "css", "png", "jpg", "jpeg", "gif", "ico", "svg", "woff", "woff2", "ttf", "pdf", "doc", "docx", "xls", "xlsx", "wps", "zip",
        // Pages: a script's url: field that names one is a list entry, not an endpoint.
        "html", "htm", "shtml", "jhtml" };

    /// <summary>Endpoint URLs named in <paramref name="scripts"/>, resolved against <paramref name="baseUrl"/>, on the portal's hosts, in order.</summary>
    public static IReadOnlyList<Uri> Find(IReadOnlyList<string> scripts, Uri baseUrl, PortalDefinition portal)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        ArgumentNullException.ThrowIfNull(portal);
        var result = new List<Uri>();
        foreach (var script in scripts)
        {
            foreach (Match call in DataCall().Matches(script))
            {
                var target = call.Groups["url"].Value;
                if (target.EndsWith('='))
                {
                    target += "1";
                }

                if (!Uri.TryCreate(baseUrl, target, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
                    || !portal.IsAllowedHost(url) || AttachmentFinder.Extension(url.AbsolutePath) is { } ext && NotData.Contains(ext)
                    // Hanweb's data proxy answers XML records and is walked by group; it is not a JSON list.
                    || url.AbsolutePath.EndsWith("/dataproxy.jsp", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (!result.Contains(url))
                {
                    result.Add(url);
                }
            }
        }

        return result;
    }

    [GeneratedRegex("""(?:\burl\s*:\s*|\$\.(?:getJSON|get|post|ajax)\(\s*|\bfetch\(\s*|\baxios(?:\.(?:get|post))?\(\s*)(?<q>["'`])(?<url>[^"'`\s<>]+)\k<q>""")]
    private static partial Regex DataCall();
}
