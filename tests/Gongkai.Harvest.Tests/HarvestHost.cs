using System.Globalization;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Gongkai.Harvest.Fetching;
using Gongkai.Harvest.Portals;
using Gongkai.Harvest.SamplePortal;
using Gongkai.Harvest.Stores;
using Gongkai.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gongkai.Harvest.Tests;

/// <summary>A harvester wired as the app wires it, against the run's Azurite with names unique to one test.</summary>
internal sealed class HarvestHost : IAsyncDisposable
{
    public const string ContactUrl = "https://gongkai.example/contact";

    private readonly ServiceProvider _services;
    private readonly string _portalsFile;

    private HarvestHost(ServiceProvider services, string portalsFile, HarvestStoreNames names)
    {
        _services = services;
        _portalsFile = portalsFile;
        Names = names;
    }

    public HarvestStoreNames Names { get; }

    public StorageClients Storage => TestStorage.Clients;

    public PortalHarvester Harvester => _services.GetRequiredService<PortalHarvester>();

    public PageFetcher Fetcher => _services.GetRequiredService<PageFetcher>();

    public PortalCatalog Catalog => _services.GetRequiredService<PortalCatalog>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Short delays and timeouts so the suite stays fast; <paramref name="settings"/> overrides any of them.</summary>
    public static HarvestHost Create(string portalsJson, IDictionary<string, string?>? settings = null)
    {
        var portalsFile = Path.Combine(Path.GetTempPath(), "gongkai-portals-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(portalsFile, portalsJson);
        var values = new Dictionary<string, string?>
        {
            ["Gongkai:Harvest:PortalsFile"] = portalsFile,
            ["Gongkai:Harvest:ContactUrl"] = ContactUrl,
            ["Gongkai:Harvest:PerHostDelay"] = "00:00:00.150",
            ["Gongkai:Harvest:RequestTimeout"] = "00:00:02",
            ["Gongkai:Harvest:MaxRetries"] = "1",
            ["Gongkai:Harvest:RetryBaseDelay"] = "00:00:00.050",
            ["Gongkai:Harvest:MaxRetryAfter"] = "00:00:03",
            ["Gongkai:Harvest:CircuitMinimumThroughput"] = "50",
            ["Gongkai:Harvest:LeaseDuration"] = "00:00:15",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values["Gongkai:Harvest:" + key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var names = new HarvestStoreNames
        {
            RawReports = TestStorage.UniqueName("raw"),
            Locks = TestStorage.UniqueName("locks"),
            CrawlState = TestStorage.UniqueName("crawl"),
            Failures = TestStorage.UniqueName("fail"),
            HarvestRuns = TestStorage.UniqueName("runs"),
        };
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TestStorage.Clients.Blobs);
        services.AddSingleton(TestStorage.Clients.Tables);
        services.AddSingleton(names);
        services.AddGongkaiHarvest(configuration);
        var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<IOptions<HarvestOptions>>().Value;
        return new HarvestHost(provider, portalsFile, names);
    }

    /// <summary>Portals JSON for one loopback portal.</summary>
    public static string PortalJson(string id, IEnumerable<Uri> startUrls, double delaySeconds = 0.15, object? extra = null)
    {
        var entry = new Dictionary<string, object?>
        {
            ["id"] = id,
            ["name"] = "Test portal " + id,
            ["startUrls"] = startUrls.Select(u => u.AbsoluteUri).ToArray(),
            ["politeness"] = new Dictionary<string, object> { ["delaySeconds"] = delaySeconds },
            ["allowPrivateNetworks"] = true,
            ["allowedPrivateNetworks"] = new[] { "127.0.0.0/8" },
        };
        if (extra is IDictionary<string, object?> more)
        {
            foreach (var (k, v) in more)
            {
                entry[k] = v;
            }
        }

        return JsonSerializer.Serialize(new { portals = new[] { entry } });
    }

    public static string SamplePortalJson(SamplePortalServer server, string id = "sample") =>
        PortalJson(id, [server.Url("/zwgk/zfxxgknb/index.html"), server.Url("/zwgk/bmxxgknb/list.html?page=1")]);

    /// <summary>The raw-reports blobs with their metadata decoded, as the parser reads it.</summary>
    public async Task<List<StoredBlob>> BlobsAsync()
    {
        var list = new List<StoredBlob>();
        await foreach (var blob in Storage.Blobs.GetBlobContainerClient(Names.RawReports).GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }).ConfigureAwait(false))
        {
            list.Add(new StoredBlob(blob.Name, BlobMetadataEncoding.DecodeAll(blob.Metadata)));
        }

        return list;
    }

    public Task<IReadOnlyList<HarvestFailure>> FailuresAsync(string portalId) => Get<FailureLog>().ListAsync(portalId, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync().ConfigureAwait(false);
        File.Delete(_portalsFile);
        foreach (var container in new[] { Names.RawReports, Names.Locks })
        {
            await Storage.Blobs.GetBlobContainerClient(container).DeleteIfExistsAsync().ConfigureAwait(false);
        }

        foreach (var table in new[] { Names.CrawlState, Names.Failures, Names.HarvestRuns })
        {
            await Storage.Tables.GetTableClient(table).DeleteAsync().ConfigureAwait(false);
        }
    }

    public static string Iso(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);
}

/// <summary>A raw-reports blob as a test reads it: its name and decoded metadata.</summary>
public sealed record StoredBlob(string Name, IReadOnlyDictionary<string, string> Metadata);
