using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gongkai.Harvest.SamplePortal;

/// <summary>One request the sample portal received.</summary>
/// <param name="At">Arrival time.</param>
/// <param name="PathAndQuery">The request target.</param>
/// <param name="IfNoneMatch">The If-None-Match header, if sent.</param>
/// <param name="IfModifiedSince">The If-Modified-Since header, if sent.</param>
/// <param name="UserAgent">The User-Agent header.</param>
/// <param name="Status">The status answered (0 when a custom handler answered).</param>
public sealed record SampleRequest(DateTimeOffset At, string PathAndQuery, string? IfNoneMatch, string? IfModifiedSince, string? UserAgent, int Status);

/// <summary>
/// Serves a <see cref="SampleSite"/> on 127.0.0.1 with Kestrel, like a government portal would: ETag/Last-Modified
/// with 304s, redirects, query-string listing pages, a version switch for pages that change, and a log of every request.
/// The demo, the tests and the benchmark all start it.
/// </summary>
public sealed class SamplePortalServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SampleSite _site;
    private readonly Func<HttpContext, Task<bool>>? _intercept;
    private readonly ConcurrentQueue<SampleRequest> _requests = new();
    private int _version = 1;

    private SamplePortalServer(WebApplication app, SampleSite site, Func<HttpContext, Task<bool>>? intercept)
    {
        _app = app;
        _site = site;
        _intercept = intercept;
    }

    /// <summary>The server's root, e.g. http://127.0.0.1:54321/.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>1 serves the site as first published; 2 serves the changed pages.</summary>
    public int Version
    {
        get => Volatile.Read(ref _version);
        set => Volatile.Write(ref _version, value);
    }

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<SampleRequest> Requests => _requests.ToArray();

    /// <summary>The absolute URL of a path on this server.</summary>
    public Uri Url(string pathAndQuery) => new(BaseUrl, pathAndQuery);

    /// <summary>Forgets the requests logged so far.</summary>
    public void ClearRequests() => _requests.Clear();

    /// <summary>
    /// Starts serving <paramref name="site"/> (default: the embedded fixture site) on 127.0.0.1:<paramref name="port"/>
    /// (0 = a free port). <paramref name="intercept"/> may answer a request itself (return true), e.g. to misbehave.
    /// </summary>
    public static async Task<SamplePortalServer> StartAsync(SampleSite? site = null, int port = 0, Func<HttpContext, Task<bool>>? intercept = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, port);
            k.AddServerHeader = false;
        });
        var app = builder.Build();
        var server = new SamplePortalServer(app, site ?? SampleSite.LoadEmbedded(), intercept);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var target = request.Path.Value + request.QueryString.Value;
        var at = DateTimeOffset.UtcNow;
        var status = 0;
        try
        {
            if (_intercept is not null && await _intercept(context).ConfigureAwait(false))
            {
                status = context.Response.StatusCode;
                return;
            }

            status = await ServeAsync(context, target).ConfigureAwait(false);
        }
        finally
        {
            _requests.Enqueue(new SampleRequest(at, target, Header(request, "If-None-Match"), Header(request, "If-Modified-Since"), Header(request, "User-Agent"), status));
        }
    }

    private async Task<int> ServeAsync(HttpContext context, string target)
    {
        var response = context.Response;
        if (_site.Redirects.TryGetValue(target, out var location) || _site.Redirects.TryGetValue(context.Request.Path.Value ?? "/", out location))
        {
            response.StatusCode = StatusCodes.Status301MovedPermanently;
            response.Headers.Location = location;
            return response.StatusCode;
        }

        var path = _site.QueryPages.GetValueOrDefault(target) ?? context.Request.Path.Value ?? "/";
        if (path == "/")
        {
            path = "/index.html";
        }

        var hidden = _site.Versions.Values.Contains(path);
        if (Version >= 2 && _site.Versions.TryGetValue(path, out var changed))
        {
            path = changed;
        }

        // A page's second version is only reachable at the page's own address.
        if (hidden || !_site.Files.TryGetValue(path, out var file))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return response.StatusCode;
        }

        response.Headers.ETag = file.ETag;
        response.Headers.LastModified = file.LastModified.ToString("R", CultureInfo.InvariantCulture);
        var ifNoneMatch = Header(context.Request, "If-None-Match");
        var ifModifiedSince = Header(context.Request, "If-Modified-Since");
        var notModified = ifNoneMatch is not null
            ? ifNoneMatch.Split(',').Any(t => t.Trim() == file.ETag || t.Trim() == "*")
            : ifModifiedSince is not null && DateTimeOffset.TryParse(ifModifiedSince, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since) && file.LastModified <= since;
        if (notModified)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return response.StatusCode;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = file.ContentType;
        response.ContentLength = file.Content.Length;
        await response.Body.WriteAsync(file.Content, context.RequestAborted).ConfigureAwait(false);
        return response.StatusCode;
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var value) && value.Count > 0 ? value.ToString() : null;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
