using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace Gongkai.Functions.Api;

/// <summary>
/// The methods the API's routes answer at a path, so a request with another method gets 405 and an <c>Allow</c>
/// header instead of the fallback's 404. GET routes also answer HEAD (<see cref="HeadRequests"/>).
/// </summary>
public static class AllowedMethods
{
    public static IReadOnlyList<string> At(PathString path, EndpointDataSource endpoints)
    {
        var methods = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not { HttpMethods.Count: > 0 } declared)
            {
                continue; // the fallback, which answers every method
            }
            var matcher = new TemplateMatcher(new RouteTemplate(endpoint.RoutePattern), new RouteValueDictionary(endpoint.RoutePattern.Defaults));
            if (matcher.TryMatch(path, new RouteValueDictionary()))
            {
                methods.UnionWith(declared.HttpMethods);
            }
        }
        if (methods.Contains(HttpMethods.Get))
        {
            methods.Add(HttpMethods.Head);
        }
        return [.. methods];
    }
}
