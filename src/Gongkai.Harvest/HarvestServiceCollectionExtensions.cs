using System.Net;
using Gongkai.Harvest.Fetching;
using Gongkai.Harvest.Portals;
using Gongkai.Harvest.Stores;
using Gongkai.Harvest.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gongkai.Harvest;

/// <summary>Registers the harvester.</summary>
public static class HarvestServiceCollectionExtensions
{
    /// <summary>
    /// Adds the harvester: options from <c>Gongkai:Harvest</c> (validated at startup, the portals file included),
    /// the portal catalog, the polite fetcher and its HttpClients, telemetry, and the harvest stores.
    /// Storage itself (<c>AddGongkaiStorage</c>) is registered by the host.
    /// </summary>
    public static IServiceCollection AddGongkaiHarvest(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<HarvestOptions>()
            .Bind(configuration.GetSection(HarvestOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HarvestOptions>, PortalsFileValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<HarvestTelemetry>();
        services.TryAddSingleton<HostPoliteness>();
        services.TryAddSingleton<PageFetcher>();
        services.TryAddSingleton<Discovery.ListingCrawler>();
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<HarvestOptions>>().Value;
            return PortalCatalogLoader.LoadFile(ResolvePortalsFile(options.PortalsFile), options.MaxListingPages);
        });

        AddClient(services, PageFetcher.PublicClientName, AddressPolicy.PublicOnly);
        AddClient(services, PageFetcher.PrivateClientName, new AddressPolicy(true));
        AddStores(services);
        return services;
    }

    /// <summary>Resolves a relative portals file against the executable's folder (where the build copies portals.json).</summary>
    public static string ResolvePortalsFile(string path) =>
        Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);

    private static void AddClient(IServiceCollection services, string name, AddressPolicy fallback)
    {
        services.AddHttpClient(name)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.All,
                UseCookies = false,
                UseProxy = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectTimeout = TimeSpan.FromSeconds(15),
                ConnectCallback = (context, ct) => GuardedConnector.ConnectAsync(context, fallback, ct),
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .ConfigureHttpClient((sp, client) =>
            {
                var options = sp.GetRequiredService<IOptions<HarvestOptions>>().Value;
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent(options));
                client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8");
                client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN,zh;q=0.9");
            })
            .RemoveAllLoggers();
    }

    /// <summary>The User-Agent: <c>Gongkai/&lt;version&gt; (+&lt;ContactUrl&gt;)</c>.</summary>
    public static string UserAgent(HarvestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return $"Gongkai/{HarvestTelemetry.Version} (+{options.ContactUrl})";
    }

    private static void AddStores(IServiceCollection services)
    {
        services.TryAddSingleton(new HarvestStoreNames());
        services.TryAddSingleton<StoreInitializer>();
        services.TryAddSingleton<RawReportStore>();
        services.TryAddSingleton<CrawlStateStore>();
        services.TryAddSingleton<FailureLog>();
        services.TryAddSingleton<HarvestRunLog>();
        services.TryAddSingleton<PortalHarvester>();
        services.TryAddSingleton<PortalScheduler>();
    }

    private sealed class PortalsFileValidator : IValidateOptions<HarvestOptions>
    {
        public ValidateOptionsResult Validate(string? name, HarvestOptions options)
        {
            try
            {
                PortalCatalogLoader.LoadFile(ResolvePortalsFile(options.PortalsFile), options.MaxListingPages);
                return ValidateOptionsResult.Success;
            }
            catch (PortalConfigurationException e)
            {
                return ValidateOptionsResult.Fail(e.Message);
            }
        }
    }
}
