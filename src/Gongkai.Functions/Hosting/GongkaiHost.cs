using System.Net;
using Gongkai.Functions.Api;
using Gongkai.Functions.Functions;
using Gongkai.Functions.LocalHost;
using Gongkai.Functions.Records;
using Gongkai.Functions.Telemetry;
using Gongkai.Functions.Web;
using Gongkai.Harvest;
using Gongkai.Reports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Gongkai.Functions.Hosting;

/// <summary>How to run the local host: where it listens and whether the local trigger driver runs beside it.</summary>
public sealed record HostSettings
{
    /// <summary>The port on 127.0.0.1; 7071 (as Core Tools) when not set. 0 picks a free one.</summary>
    public int? Port { get; init; }

    /// <summary>Run the local trigger driver (timer, queue, blob). Null: as <c>Gongkai:LocalHost:TriggersEnabled</c> says (on by default).</summary>
    public bool? Triggers { get; init; }

    public bool RunNow { get; init; }

    /// <summary>Settings that win over every other source (tests, the demo).</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();

    public string[] Args { get; init; } = [];

    /// <summary>Last-moment service changes (tests replace the clock).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
}

/// <summary>
/// The Function App's services, shared by both hosts (<see cref="AddGongkaiFunctionApp"/>), and the local host: the
/// same function classes resolved from that registration, HTTP functions on Kestrel at their <c>[HttpTrigger]</c>
/// routes, and the timer, queue and blob drivers calling the trigger functions as the Functions host would.
/// </summary>
public static class GongkaiHost
{
    public const int DefaultPort = 7071;

    public static WebApplication Build(HostSettings settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = settings.Args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        var configuration = builder.Configuration;
        // Lowest precedence: Core Tools' local.settings.json, from the directory the command runs in.
        ((IList<IConfigurationSource>)configuration.Sources).Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = LocalSettings.Read(Directory.GetCurrentDirectory()) });
        configuration.AddInMemoryCollection(settings.Overrides);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, settings.Port ?? DefaultPort));

        builder.Services.AddGongkaiFunctionApp(configuration);
        builder.Services.AddSingleton<FunctionInvoker>();
        if (settings.Triggers ?? LocalTriggersWanted(configuration))
        {
            builder.Services.AddLocalTriggers(configuration, settings.RunNow);
        }
        settings.ConfigureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = _ => StatusCodes.Status500InternalServerError });
        app.UseStatusCodePages();
        HttpFunctionEndpoints.Map(app, app.Services.GetRequiredService<HttpRoutes>().Routes, app.Services);
        return app;
    }

    /// <summary>Everything the functions need, in the worker and in the local host alike.</summary>
    public static IServiceCollection AddGongkaiFunctionApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGongkaiStorage(configuration);
        services.AddGongkaiHarvest(configuration);
        services.AddGongkaiFunctions(configuration);
        services.AddGongkaiTelemetry(configuration);
        return services;
    }

    /// <summary>
    /// The parse path: parser, record stores and the ParseReport body with its telemetry. The host and
    /// <c>gongkai reparse</c> (which needs no harvester and no HTTP) share it.
    /// </summary>
    public static IServiceCollection AddGongkaiParsing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        // When a blob counts as given up: the host's poison threshold, so the Failures row and the host agree.
        var hostJson = HostJson.Read(configuration);
        services.AddOptions<BlobTriggerOptions>().Bind(hostJson.GetSection(HostJson.BlobsPath))
            .Configure(o => o.MaxDequeueCount = hostJson.GetValue(HostJson.PoisonBlobThresholdPath, o.MaxDequeueCount))
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ParseTelemetry>();
        services.TryAddSingleton<ReportParser>();
        services.TryAddSingleton<RecordStorage>();
        services.TryAddSingleton<RecordIndexWriter>();
        services.TryAddSingleton<RecordGeneration>();
        services.TryAddSingleton<ParsedReportStore>();
        services.TryAddSingleton<ReportRecordWriter>();
        services.TryAddSingleton<ParseFailures>();
        services.TryAddSingleton<FunctionCounters>();
        services.TryAddSingleton<ParseReportFunction>();
        return services;
    }

    /// <summary>Registers the function classes, the record stores and the API's services.</summary>
    public static IServiceCollection AddGongkaiFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGongkaiParsing(configuration);
        services.AddSingleton<ReportQueries>();
        services.AddSingleton<WebAssets>();
        services.AddOptions<ResponseCacheOptions>().Bind(configuration.GetSection(ResponseCacheOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ResponseCache>();
        services.AddSingleton<ApiResponder>();
        services.AddSingleton<HttpRoutes>();
        services.AddSingleton<ApiDocument>();
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(ApiJson.Configure);
        // The function classes themselves: both hosts resolve them from here.
        foreach (var type in FunctionCatalog.Types)
        {
            services.TryAddSingleton(type);
        }
        return services;
    }

    /// <summary>The local trigger driver, configured from host.json as the Functions host would be.</summary>
    public static IServiceCollection AddLocalTriggers(this IServiceCollection services, IConfiguration configuration, bool runNow)
    {
        // The blob trigger's options come with the parse path (AddGongkaiParsing): the function needs them under the worker too.
        var hostJson = HostJson.Read(configuration);
        services.AddOptions<QueueTriggerOptions>().Bind(hostJson.GetSection(HostJson.QueuesPath)).ValidateDataAnnotations()
            .Validate(o => o.MaxPollingInterval > TimeSpan.Zero && o.VisibilityTimeout >= TimeSpan.Zero, "extensions:queues: maxPollingInterval must be positive and visibilityTimeout not negative.")
            .ValidateOnStart();
        services.AddOptions<LocalHostOptions>().Bind(configuration.GetSection(LocalHostOptions.ConfigurationPath))
            .PostConfigure(o => o.RunNow |= runNow)
            .Validate(o => o.BlobScanInterval > TimeSpan.Zero && o.ReceiptTimeout > TimeSpan.Zero && o.QueueLeaseTime >= TimeSpan.FromSeconds(2),
                $"{LocalHostOptions.ConfigurationPath}: BlobScanInterval and ReceiptTimeout must be positive, QueueLeaseTime at least 2 s.")
            .ValidateOnStart();

        services.AddSingleton<LocalTriggerStatus>();
        services.AddSingleton<BlobReceipts>();
        services.AddHostedService<TimerTriggerDriver>();
        services.AddHostedService<QueueTriggerDriver>();
        services.AddHostedService<BlobTriggerDriver>();
        return services;
    }

    /// <summary>
    /// Without an explicit choice (<c>serve --no-triggers</c>, tests), the driver runs unless
    /// <c>Gongkai:LocalHost:TriggersEnabled</c> is false. A value that is not a boolean stops startup, naming the setting.
    /// </summary>
    private static bool LocalTriggersWanted(IConfiguration configuration) =>
        configuration.GetSection(LocalHostOptions.ConfigurationPath).GetValue(nameof(LocalHostOptions.TriggersEnabled), defaultValue: true);
}
