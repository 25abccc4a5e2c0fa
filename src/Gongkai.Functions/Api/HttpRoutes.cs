using Gongkai.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;

namespace Gongkai.Functions.Api;

/// <summary>
/// The HTTP functions' routes as their <c>[HttpTrigger]</c> attributes declare them, under host.json's route prefix:
/// what the local host serves, and what <see cref="ApiFallbackFunction"/> consults to tell a wrong method (405 with
/// <c>Allow</c>) from an unknown path (404).
/// </summary>
public sealed class HttpRoutes
{
    public const string RoutePrefixPath = "extensions:http:routePrefix";

    public HttpRoutes(IConfiguration configuration)
    {
        var prefix = HostJson.Read(configuration)[RoutePrefixPath] ?? "api";
        Prefix = prefix.Trim('/');
        Routes = [.. FunctionCatalog.WithTrigger<HttpTriggerAttribute>().Select(f => new HttpRoute(f, Template(Prefix, ((HttpTriggerAttribute)f.Trigger).Route ?? f.Name),
            [.. (((HttpTriggerAttribute)f.Trigger).Methods ?? ["get", "post"]).Select(m => m.ToUpperInvariant())]))];
    }

    /// <summary>host.json's <c>extensions:http:routePrefix</c> (the host's default: api).</summary>
    public string Prefix { get; }

    public IReadOnlyList<HttpRoute> Routes { get; }

    /// <summary>The methods the routes other than catch-alls answer at <paramref name="path"/>; empty when none matches.</summary>
    public IReadOnlyList<string> AllowedAt(PathString path)
    {
        var methods = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var route in Routes.Where(r => !r.IsCatchAll))
        {
            var matcher = new TemplateMatcher(TemplateParser.Parse(route.Template.TrimStart('/')), new RouteValueDictionary());
            if (matcher.TryMatch(path, new RouteValueDictionary()))
            {
                methods.UnionWith(route.Methods);
            }
        }
        return [.. methods];
    }

    private static string Template(string prefix, string route) => "/" + string.Join('/', new[] { prefix, route.Trim('/') }.Where(s => s.Length > 0));
}

/// <param name="Template">The full path template, prefix included (<c>/api/reports/{id}</c>).</param>
/// <param name="Methods">Upper case, as HTTP writes them.</param>
public sealed record HttpRoute(DeclaredFunction Function, string Template, IReadOnlyList<string> Methods)
{
    public bool IsCatchAll => Template.Contains("{*", StringComparison.Ordinal);

    public AuthorizationLevel AuthLevel => ((HttpTriggerAttribute)Function.Trigger).AuthLevel;
}
