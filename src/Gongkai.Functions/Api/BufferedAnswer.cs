using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Gongkai.Functions.Api;

/// <summary>
/// An API answer held in memory: status, content type, the headers that belong to it and the whole body. Written with
/// its Content-Length, so a HEAD (whose body the server drops) still says how long the GET answer is.
/// </summary>
public sealed record BufferedAnswer(int Status, string? ContentType, KeyValuePair<string, StringValues>[] Headers, byte[] Body) : IResult
{
    /// <summary>The response headers that are part of an answer (besides its content type), kept with its body.</summary>
    private static readonly IReadOnlyList<string> KeptHeaders = [HeaderNames.ContentDisposition, HeaderNames.Link, HeaderNames.Allow];

    /// <summary>Runs <paramref name="result"/> against <paramref name="context"/> with the body going to memory.</summary>
    public static async Task<BufferedAnswer> ExecuteAsync(IResult result, HttpContext context)
    {
        var response = context.Response;
        var body = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await result.ExecuteAsync(context);
        }
        finally
        {
            response.Body = body;
        }
        var headers = KeptHeaders.Select(name => KeyValuePair.Create(name, response.Headers[name])).Where(h => h.Value.Count > 0).ToArray();
        return new BufferedAnswer(response.StatusCode, response.ContentType, headers, buffer.ToArray());
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = Status;
        response.ContentType = ContentType;
        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }
        response.ContentLength = Body.Length;
        return response.Body.WriteAsync(Body, httpContext.RequestAborted).AsTask();
    }
}
