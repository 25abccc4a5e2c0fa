using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Gongkai.Functions.Api;

/// <summary>
/// A route value decoded from the path exactly as the client sent it. Kestrel decodes the path except <c>%2F</c>,
/// so a name containing <c>/</c> (sent as <c>%2F</c>) would otherwise reach the endpoint still escaped.
/// </summary>
public static class RawRouteValue
{
    public static string Get(HttpRequest request, string parameter, string routeValue)
    {
        // The undecoded request target, decoded once here: %2F gives '/', and %252F stays the literal text %2F.
        if (request.HttpContext.GetEndpoint() is RouteEndpoint { RoutePattern: var pattern }
            && RawPath(request) is { } path
            && request.PathBase.Value is null or "")
        {
            var segments = path[1..].Split('/');
            var index = pattern.PathSegments.ToList().FindIndex(s => s.IsSimple && s.Parts[0] is RoutePatternParameterPart p && p.Name == parameter);
            if (index >= 0 && segments.Length == pattern.PathSegments.Count)
            {
                return Uri.UnescapeDataString(segments[index]);
            }
        }
        // Without the raw target (another server): only the one escape the server left alone.
        return routeValue.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The path as the client sent it (still percent-encoded), or null when the server does not give the origin-form
    /// target. Unlike the decoded path it tells <c>%2F</c> (a slash in a name) from <c>%252F</c> (the text %2F).
    /// </summary>
    public static string? RawPath(HttpRequest request) =>
        request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget is ['/', ..] target ? target.Split('?', 2)[0] : null;
}
