using Gongkai.Functions.Hosting;
using Gongkai.Functions.LocalHost;
using Gongkai.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gongkai.Functions.Tests;

/// <summary><c>gongkai serve</c> decides from <c>Gongkai:LocalHost:TriggersEnabled</c> whether the local trigger driver runs.</summary>
[Collection(PipelineCollection.Name)]
public sealed class LocalTriggerSettingTests(PipelineStorage storage)
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    public async Task Serve_runs_the_trigger_driver_unless_TriggersEnabled_is_false(string? setting, bool runs)
    {
        // Triggers = null is what `gongkai serve` passes without --no-triggers.
        await using var app = Build(setting, triggers: null);

        Assert.Equal(runs, DriverTypes(app).SetEquals([typeof(TimerTriggerDriver), typeof(QueueTriggerDriver), typeof(BlobTriggerDriver)]));
        Assert.Equal(runs, DriverTypes(app).Count > 0);
        Assert.Equal(runs, app.Services.GetService<LocalTriggerStatus>() is not null);
    }

    [Fact]
    public async Task No_triggers_on_the_command_line_wins_over_the_setting()
    {
        await using var app = Build("true", triggers: false);
        Assert.Empty(DriverTypes(app));
    }

    [Fact]
    public async Task Switched_off_the_host_still_serves_the_api()
    {
        await using var app = Build("false", triggers: null);
        await app.StartAsync();
        try
        {
            var address = app.Urls.First();
            using var client = new HttpClient { BaseAddress = new Uri(address) };
            using var health = await client.GetAsync("/api/health");
            Assert.True(health.IsSuccessStatusCode, $"GET /api/health answered {(int)health.StatusCode}");
            using var metrics = await client.GetAsync("/api/metrics");
            Assert.True(metrics.IsSuccessStatusCode, $"GET /api/metrics answered {(int)metrics.StatusCode}");
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public void A_value_that_is_not_a_boolean_stops_startup_naming_the_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build("sometimes", triggers: null));
        Assert.Contains("Gongkai:LocalHost:TriggersEnabled", error.Message, StringComparison.Ordinal);
    }

    private WebApplication Build(string? triggersEnabled, bool? triggers) => GongkaiHost.Build(new HostSettings
    {
        Port = 0,
        Triggers = triggers,
        Overrides = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            ["Gongkai:LocalHost:TriggersEnabled"] = triggersEnabled,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Gongkai:Harvest:ContactUrl"] = "https://example.org/gongkai-tests",
            ["Gongkai:Harvest:PortalsFile"] = Path.Combine(Gongkai.Testing.RepositoryRoot.Find(), "samples", "portals.demo.json"),
        },
    });

    private static HashSet<Type> DriverTypes(WebApplication app) =>
        [.. app.Services.GetServices<IHostedService>().Select(s => s.GetType()).Where(t => t.Namespace == typeof(BlobTriggerDriver).Namespace)];
}
