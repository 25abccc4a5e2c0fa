using Gongkai.Functions.Hosting;
using Gongkai.Functions.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Functions.Tests.Infrastructure;

/// <summary>The real handler on Kestrel (loopback, free port), with or without the local trigger driver.</summary>
public sealed class RunningHost : IAsyncDisposable
{
    private RunningHost(WebApplication app, Uri address)
    {
        App = app;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => App.Services;

    public LocalTriggerStatus Triggers => Services.GetRequiredService<LocalTriggerStatus>();

    public static Task<RunningHost> StartAsync(PipelineStorage storage, bool triggers = false, bool runNow = false,
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null) =>
        StartAsync(storage.ConnectionString, triggers, runNow, settings, configureServices);

    public static async Task<RunningHost> StartAsync(string connectionString, bool triggers = false, bool runNow = false,
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        var overrides = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connectionString,
            ["Gongkai:LocalHost:QueueLeaseTime"] = "00:00:10",
            ["Gongkai:LocalHost:BlobScanInterval"] = "00:00:00.200",
            ["Gongkai:LocalHost:BlobRetryDelay"] = "00:00:00.050",
            ["Gongkai:LocalHost:ReceiptTimeout"] = "00:00:03",
            ["Logging:LogLevel:Default"] = "Warning",
            // The harvester validates these at startup even when a test does not harvest.
            ["Gongkai:Harvest:ContactUrl"] = "https://example.org/gongkai-tests",
            ["Gongkai:Harvest:PortalsFile"] = Path.Combine(Gongkai.Testing.RepositoryRoot.Find(), "samples", "portals.demo.json"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }
        var app = GongkaiHost.Build(new HostSettings { Port = 0, Triggers = triggers, RunNow = runNow, Overrides = overrides, ConfigureServices = configureServices });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningHost(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
