using Gongkai.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Gongkai.Functions.Api;

/// <summary>
/// Every other request under <c>/api</c>: a known path asked with another method is a 405 problem naming the methods
/// it answers (<c>Allow</c>), anything else a 404 problem. Routes with literal segments take precedence over this
/// catch-all in the host's router and in the local host's alike.
/// </summary>
public sealed class ApiFallbackFunction(HttpRoutes routes)
{
    [Function(FunctionNames.ApiFallback)]
    public IResult Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", "post", "put", "patch", "delete", "options", Route = "{*path}")] HttpRequest request) =>
        routes.AllowedAt(request.Path) is { Count: > 0 } allowed
            ? ApiProblem.MethodNotAllowed(request.HttpContext, allowed)
            : ApiProblem.NotFound($"No route {request.Method} {request.Path}. See /{routes.Prefix}/openapi.json.");
}
