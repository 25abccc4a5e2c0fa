using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Gongkai.Functions.Web;

/// <summary>
/// The web page's files (this folder's index.html, app.js, app.css, favicon.svg and Chart.js from the npm package),
/// embedded in the assembly by the build, so the app serves every byte of its page itself: no CDN, no files to find
/// next to the executable, the same in the local host and in Azure.
/// </summary>
public sealed class WebAssets
{
    /// <summary>The embedded resources' name prefix (the project file gives each asset the logical name <c>web/…</c>).</summary>
    public const string ResourcePrefix = "web/";

    public const string Page = "index.html";

    /// <summary>The route under the API's prefix: the page at <c>web/</c> (so the API it calls is <c>../</c>), its files beside it.</summary>
    public const string Route = "web/{file?}";

    // The page loads only its own files and talks only to its own API; inline script and style are never needed.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly FrozenDictionary<string, WebAsset> _assets;

    public WebAssets()
    {
        var assembly = typeof(WebAssets).Assembly;
        var assets = new Dictionary<string, WebAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource[ResourcePrefix.Length..];
            var content = copy.ToArray();
            var type = ContentTypes.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream");
            assets[name] = new WebAsset(name, content, type, new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..20]}\""));
        }
        _assets = assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Names => _assets.Keys;

    /// <summary>
    /// The page for <c>…/web/</c>, a redirect there for <c>…/web</c> (so the page's relative links resolve), else the named file.
    /// </summary>
    public IResult Answer(HttpContext context, string? file) => string.IsNullOrEmpty(file)
        ? context.Request.Path.Value?.EndsWith('/') == true ? Serve(context, Page) : Results.Redirect("web/" + context.Request.QueryString)
        : Serve(context, file);

    /// <summary>
    /// The asset named <paramref name="name"/>, revalidated on every use (<c>no-cache</c> with an ETag, so a deploy is
    /// seen at once and an unchanged file costs a 304); 404 for any other name.
    /// </summary>
    public IResult Serve(HttpContext context, string name)
    {
        if (!_assets.TryGetValue(name, out var asset))
        {
            return Results.NotFound();
        }
        var headers = context.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        if (name == Page)
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers["Referrer-Policy"] = "no-referrer";
        }
        return Results.Bytes(asset.Content, asset.ContentType, entityTag: asset.ETag);
    }
}

/// <param name="ETag">A strong validator from the content's hash.</param>
public sealed record WebAsset(string Name, byte[] Content, string ContentType, EntityTagHeaderValue ETag);
