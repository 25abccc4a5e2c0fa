using Gongkai.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Gongkai.Functions.Web;

/// <summary>
/// <c>GET /api/web/</c>: the web page, and its files beside it (<see cref="WebAssets"/>). Anonymous, like a public site;
/// the API calls the page makes carry the function key it was opened with (<c>?code=</c>; docs/web.md).
/// </summary>
public sealed class WebPageFunction(WebAssets assets)
{
    [Function(FunctionNames.WebPage)]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = WebAssets.Route)] HttpRequest request, string? file) =>
        assets.Answer(request.HttpContext, file);
}
