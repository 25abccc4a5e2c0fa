using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gongkai.Functions.Web;

/// <summary>The web page and its files at <c>/api/web/</c>, beside the API routes it calls; anonymous, like a public site.</summary>
public static class WebPageEndpoints
{
    public static IEndpointRouteBuilder MapWebPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/api/" + WebAssets.Route, [HttpMethods.Get, HttpMethods.Head], (HttpContext context, string? file, WebAssets assets) => assets.Answer(context, file))
            .ExcludeFromDescription();
        return endpoints;
    }
}
