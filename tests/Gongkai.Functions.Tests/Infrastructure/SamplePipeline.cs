using Gongkai.Harvest.SamplePortal;
using Gongkai.Testing;

namespace Gongkai.Functions.Tests.Infrastructure;

/// <summary>H's sample portal on loopback, and a portals file (samples/portals.demo.json) pointing at it.</summary>
public sealed class SamplePipeline : IAsyncDisposable
{
    private SamplePipeline(SamplePortalServer portal, string portalsFile)
    {
        Portal = portal;
        PortalsFile = portalsFile;
    }

    public SamplePortalServer Portal { get; }

    public string PortalsFile { get; }

    public static string ExpectedFile => Path.Combine(RepositoryRoot.Find(), "samples", "sample-portal", "EXPECTED.json");

    public static async Task<SamplePipeline> StartAsync()
    {
        var portal = await SamplePortalServer.StartAsync();
        var file = Path.Combine(Path.GetTempPath(), $"gongkai-test-portals-{Guid.NewGuid():N}.json");
        var demo = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(), "samples", "portals.demo.json"));
        await File.WriteAllTextAsync(file, demo.Replace("127.0.0.1:8780", $"127.0.0.1:{portal.BaseUrl.Port}", StringComparison.Ordinal));
        return new SamplePipeline(portal, file);
    }

    /// <summary>Settings for a host that harvests this portal, fast: short retry and polling intervals.</summary>
    public IReadOnlyDictionary<string, string?> Settings(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gongkai:Harvest:PortalsFile"] = PortalsFile,
            ["Gongkai:Harvest:ContactUrl"] = "https://example.org/gongkai-tests",
            ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:00",
            ["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:00.300",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        await Portal.DisposeAsync();
        File.Delete(PortalsFile);
    }
}
