using Microsoft.Extensions.Configuration;

namespace Gongkai.Functions.Hosting;

/// <summary>
/// host.json as the Functions host reads it, overridden by app settings <c>AzureFunctionsJobHost__…</c> as the host
/// allows. The trigger settings in it drive the host in Azure; the app reads the same file so that its own
/// bookkeeping (when a blob counts as given up) and the local trigger driver agree with the host.
/// </summary>
public static class HostJson
{
    public const string FileName = "host.json";

    /// <summary>The app-setting prefix the Functions host lets override host.json values.</summary>
    public const string OverridesPrefix = "AzureFunctionsJobHost";

    public const string QueuesPath = "extensions:queues";

    public const string BlobsPath = "extensions:blobs";

    /// <summary>Attempts per blob before the host (storage extension 5.x, extension bundle 4) moves it to its poison queue.</summary>
    public const string PoisonBlobThresholdPath = BlobsPath + ":poisonBlobThreshold";

    /// <summary>host.json next to the executable (where the host and the publish output keep it), then the overrides.</summary>
    public static IConfiguration Read(IConfiguration configuration) =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, FileName), optional: true)
            .AddConfiguration(configuration.GetSection(OverridesPrefix))
            .Build();
}
