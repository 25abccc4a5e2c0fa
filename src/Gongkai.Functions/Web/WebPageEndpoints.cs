using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gongkai.Functions.Web;

/// <summary>The web page at <c>/</c> and its files at <c>/web/{file}</c>, beside the API; anonymous, like a public site.</summary>
public static class WebPageEndpoints
{
    public static IEndpointRouteBuilder MapWebPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, WebAssets assets) => assets.Serve(context, WebAssets.Page))
            .ExcludeFromDescription();
        endpoints.MapMethods("/web/{file}", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, string file, WebAssets assets) => assets.Serve(context, file))
            .ExcludeFromDescription();
        return endpoints;
    }
}
