using Gongkai.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Gongkai.Functions.Api;

/// <summary><c>GET /api/openapi.json</c>: the API's OpenAPI 3.1 document. Anonymous, so clients can be generated without a key.</summary>
public sealed class OpenApiFunction(ApiResponder responder, ApiDocument document)
{
    [Function(FunctionNames.OpenApiDocument)]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "openapi.json")] HttpRequest request) =>
        responder.AnswerAsync(request, async () => Results.Bytes(await document.GetJsonAsync(), "application/json"), cacheable: false);
}
