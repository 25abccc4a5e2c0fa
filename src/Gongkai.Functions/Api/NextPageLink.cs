using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Gongkai.Functions.Api;

/// <summary>
/// The next page as an RFC 8288 <c>Link: &lt;…&gt;; rel="next"</c> header: the same path and query with the new
/// <c>continuation</c>. CSV bodies have nowhere to carry the token, so this is how CSV is paged (JSON gets it too).
/// </summary>
public static class NextPageLink
{
    public static void Add(HttpRequest request, string? continuation)
    {
        if (continuation is null)
        {
            return;
        }
        var query = request.Query
            .Where(q => q.Key != "continuation")
            .SelectMany(q => q.Value.Select(v => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(v ?? "")))
            .Append("continuation=" + Uri.EscapeDataString(continuation));
        var target = (request.PathBase + request.Path).ToUriComponent() + "?" + string.Join('&', query);
        request.HttpContext.Response.Headers.Append(HeaderNames.Link, $"<{target}>; rel=\"next\"");
    }
}
