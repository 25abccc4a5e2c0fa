using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Gongkai.Functions.Api;

/// <summary>
/// <c>HEAD</c> on any API route is answered as <c>GET</c> without the body (RFC 9110 §9.3.2): the same status and
/// headers, so clients can check a report or the size of a CSV without downloading it. Routing must run after this.
/// </summary>
public static class HeadRequests
{
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (!HttpMethods.IsHead(request.Method) || !request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }
        // Everything downstream (routing, the response cache, the endpoints) sees a GET and writes a whole answer,
        // so the response cache keeps the GET body even when a HEAD was first; only this response drops it.
        var body = context.Response.Body;
        request.Method = HttpMethods.Get;
        context.Response.Body = Stream.Null;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = body;
            request.Method = HttpMethods.Head;
        }
    });
}
