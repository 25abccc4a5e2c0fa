using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Gongkai.Functions.Api;
using Gongkai.Functions.Functions;
using Gongkai.Functions.LocalHost;
using Gongkai.Functions.Records;
using Gongkai.Functions.Telemetry;
using Gongkai.Functions.Web;
using Gongkai.Harvest;
using Gongkai.Reports;
using Gongkai.Storage;
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

/// <summary>How to run the handler: where it listens and whether the local trigger driver runs beside it.</summary>
public sealed record HostSettings
{
    /// <summary>The port; the Functions host's <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> when set, else 7071 like Core Tools. 0 picks a free one.</summary>
    public int? Port { get; init; }

    /// <summary>Run the local trigger driver (timer, queue, blob). Null: on unless under the Functions host.</summary>
    public bool? Triggers { get; init; }

    public bool RunNow { get; init; }

    /// <summary>Settings that win over every other source (tests, the demo).</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();

    public string[] Args { get; init; } = [];

    /// <summary>Last-moment service changes (tests replace the clock).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
}

/// <summary>Builds the custom handler: the invocation endpoints, the query API and, locally, the trigger driver.</summary>
public static class GongkaiHost
{
    public const string CustomHandlerPortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    public static bool UnderFunctionsHost => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(CustomHandlerPortVariable));

    public static WebApplication Build(HostSettings settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = settings.Args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        var configuration = builder.Configuration;
        if (!UnderFunctionsHost)
        {
            // Lowest precedence: Core Tools' local.settings.json, from the directory the command runs in.
            ((IList<IConfigurationSource>)configuration.Sources).Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = LocalSettings.Read(Directory.GetCurrentDirectory()) });
        }
        configuration.AddInMemoryCollection(settings.Overrides);

        var port = settings.Port
            ?? (int.TryParse(Environment.GetEnvironmentVariable(CustomHandlerPortVariable), out var hostPort) ? hostPort : 7071);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));

        var services = builder.Services;
        services.AddGongkaiStorage(configuration);
        services.AddGongkaiHarvest(configuration);
        services.AddGongkaiFunctions(configuration);
        services.AddGongkaiTelemetry(configuration);

        if (settings.Triggers ?? LocalTriggersWanted(configuration))
        {
            services.AddLocalTriggers(configuration, settings.RunNow);
        }
        settings.ConfigureServices?.Invoke(services);

        var app = builder.Build();
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = StatusFor });
        app.UseStatusCodePages();
        app.UseHeadAsGet();
        app.UseRouting(); // after HEAD became GET, so HEAD finds the GET routes
        var responseCache = app.Services.GetRequiredService<ResponseCache>();
        app.Use(next => context => responseCache.InvokeAsync(context, next));
        app.MapOpenApi("/api/openapi.json");
        app.MapInvocations();
        app.MapQueryApi();
        app.MapWebPage();
        return app;
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
        services.TryAddSingleton<ParseReportFunction>();
        return services;
    }

    /// <summary>Registers the function bodies, the record stores and the handler's plumbing.</summary>
    public static IServiceCollection AddGongkaiFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGongkaiParsing(configuration);
        services.AddSingleton<ReportQueries>();
        services.AddSingleton<WebAssets>();
        services.AddOptions<ResponseCacheOptions>().Bind(configuration.GetSection(ResponseCacheOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ResponseCache>();
        services.AddSingleton<FunctionCounters>();
        services.AddSingleton<ScheduleHarvestFunction>();
        services.AddSingleton<HarvestPortalFunction>();
        services.AddSingleton<IInvocationHandler, ScheduleHarvestInvocation>();
        services.AddSingleton<IInvocationHandler, HarvestPortalInvocation>();
        services.AddSingleton<IInvocationHandler, ParseReportInvocation>();

        services.AddProblemDetails();
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Gongkai";
            document.Info.Description = "Chinese government-information-disclosure annual reports as data. JSON by default; CSV with Accept: text/csv or format=csv.";
            return Task.CompletedTask;
        }).AddOperationTransformer<ResponseDescriptionTransformer>());
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        return services;
    }

    /// <summary>The local trigger driver, configured from host.json as the Functions host would be.</summary>
    public static IServiceCollection AddLocalTriggers(this IServiceCollection services, IConfiguration configuration, bool runNow)
    {
        // The blob trigger's options come with the parse path (AddGongkaiParsing): the handler needs them under the host too.
        var hostJson = HostJson.Read(configuration);
        services.AddOptions<QueueTriggerOptions>().Bind(hostJson.GetSection(HostJson.QueuesPath)).ValidateDataAnnotations()
            .Validate(o => o.MaxPollingInterval > TimeSpan.Zero && o.VisibilityTimeout >= TimeSpan.Zero, "extensions:queues: maxPollingInterval must be positive and visibilityTimeout not negative.")
            .ValidateOnStart();
        services.AddOptions<LocalHostOptions>().Bind(configuration.GetSection(LocalHostOptions.ConfigurationPath))
            .PostConfigure(o => o.RunNow |= runNow)
            .Validate(o => o.BlobScanInterval > TimeSpan.Zero && o.ReceiptTimeout > TimeSpan.Zero && o.QueueLeaseTime >= TimeSpan.FromSeconds(2),
                $"{LocalHostOptions.ConfigurationPath}: BlobScanInterval and ReceiptTimeout must be positive, QueueLeaseTime at least 2 s.")
            .ValidateOnStart();

        services.AddHttpClient(HandlerClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<FunctionDefinitions>();
        services.AddSingleton<HandlerClient>();
        services.AddSingleton<LocalTriggerStatus>();
        services.AddSingleton<BlobReceipts>();
        services.AddHostedService<TimerTriggerDriver>();
        services.AddHostedService<QueueTriggerDriver>();
        services.AddHostedService<BlobTriggerDriver>();
        return services;
    }

    /// <summary>
    /// Without an explicit choice (<c>serve --no-triggers</c>, tests), the driver runs outside the Functions host unless
    /// <c>Gongkai:LocalHost:TriggersEnabled</c> is false. Under the host it never runs: the host triggers, and a second
    /// trigger source would run every function twice. A value that is not a boolean stops startup, naming the setting.
    /// </summary>
    private static bool LocalTriggersWanted(IConfiguration configuration) =>
        !UnderFunctionsHost
        && configuration.GetSection(LocalHostOptions.ConfigurationPath).GetValue(nameof(LocalHostOptions.TriggersEnabled), defaultValue: true);

    private static int StatusFor(Exception exception) => exception switch
    {
        StorageRequestFailedException or HttpRequestException or TimeoutException => StatusCodes.Status503ServiceUnavailable,
        BadHttpRequestException bad => bad.StatusCode,
        _ => StatusCodes.Status500InternalServerError,
    };
}
