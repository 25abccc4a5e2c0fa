using System.Collections.Concurrent;
using System.Text;
using Gongkai.Harvest.SamplePortal;
using Microsoft.AspNetCore.Http;

namespace Gongkai.Harvest.Tests;

/// <summary>One request a fixture column received: method, target and form body.</summary>
internal sealed record ColumnRequest(string Method, string PathAndQuery, string Form);

/// <summary>
/// A report column served on loopback from fixed pages plus handlers for dynamic paths (data proxies, JSON endpoints).
/// Each report page is a small HTML page whose title is its link text; everything else is 404.
/// </summary>
internal sealed class LoopbackColumn : IAsyncDisposable
{
    private readonly ConcurrentQueue<ColumnRequest> _requests = new();
    private SamplePortalServer _server = null!;

    private LoopbackColumn()
    {
    }

    public Dictionary<string, (string Body, string ContentType)> Pages { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Func<HttpContext, string, Task<bool>>> Handlers { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<ColumnRequest> Requests => _requests.ToArray();

    public Uri Url(string pathAndQuery) => _server.Url(pathAndQuery);

    public static async Task<LoopbackColumn> StartAsync(string robots = "User-agent: *\nDisallow: /drafts/\n")
    {
        var column = new LoopbackColumn();
        column.Pages["/robots.txt"] = (robots, "text/plain");
        column._server = await SamplePortalServer.StartAsync(intercept: column.HandleAsync);
        return column;
    }

    /// <summary>Adds a report page at <paramref name="path"/> titled <paramref name="title"/>.</summary>
    public void AddReport(string path, string title) =>
        Pages[path] = ($"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title></head><body><h1>{title}</h1><p>一、总体情况</p></body></html>", "text/html; charset=utf-8");

    private async Task<bool> HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var form = string.Empty;
        if (request.ContentLength > 0 || request.Method == HttpMethods.Post)
        {
            using var reader = new StreamReader(request.Body, Encoding.ASCII);
            form = await reader.ReadToEndAsync(context.RequestAborted);
        }

        _requests.Enqueue(new ColumnRequest(request.Method, request.Path.Value + request.QueryString.Value, form));
        var path = request.Path.Value ?? "/";
        if (Handlers.TryGetValue(path, out var handler) && await handler(context, form))
        {
            return true;
        }

        if (request.Method == HttpMethods.Get && Pages.TryGetValue(path, out var page))
        {
            context.Response.ContentType = page.ContentType;
            await context.Response.WriteAsync(page.Body, context.RequestAborted);
            return true;
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return true;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
