using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Gongkai.Functions.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>Azure.Core creates its pipeline activities through ActivitySource only with this switch on.</summary>
    public const string AzureActivitySourceSwitch = "Azure.Experimental.EnableActivitySource";

    /// <summary>The ActivitySources traced besides Gongkai's own: the Azure SDK's storage calls and HttpClient's requests.</summary>
    public static readonly IReadOnlyList<string> DependencySources = ["Azure.*"];

    /// <summary>
    /// Registers Gongkai's telemetry: the parse metrics; when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set,
    /// OpenTelemetry exported to Application Insights by the Azure Monitor exporter (the "Gongkai" meter as custom
    /// metrics with its tags as dimensions, the "Gongkai" activities and the storage and HTTP calls inside them as
    /// dependencies of the invocation's trace, logs with their structured properties and scopes), with Entra
    /// authentication when <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> says <c>Authorization=AAD</c>; and, when
    /// <c>Gongkai:Telemetry:ConsoleMetricsInterval</c> is set, dotnet-counters-style console output.
    /// </summary>
    public static IServiceCollection AddGongkaiTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ParseTelemetry>();
        services.AddOptions<TelemetryOptions>()
            .Bind(configuration.GetSection(TelemetryOptions.SectionName))
            .Validate(o => o.ConsoleMetricsInterval is null || o.ConsoleMetricsInterval >= TimeSpan.Zero,
                $"{TelemetryOptions.SectionName}:ConsoleMetricsInterval must not be negative.")
            .ValidateOnStart();

        var console = new TelemetryOptions();
        configuration.GetSection(TelemetryOptions.SectionName).Bind(console);
        if (console.ConsoleMetricsEnabled)
        {
            services.TryAddSingleton(new MetricsConsole(Console.Out));
            services.AddHostedService<ConsoleMetricsReporter>();
        }

        var connectionString = configuration[ConnectionStringSetting];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            AddAzureMonitor(services, connectionString, AuthenticationString.Parse(configuration[AuthenticationStringSetting]));
        }
        return services;
    }

    private static void AddAzureMonitor(IServiceCollection services, string connectionString, AuthenticationString authentication)
    {
        // The storage pipeline's activities are created through ActivitySource only with this switch on.
        AppContext.SetSwitch(AzureActivitySourceSwitch, true);

        TokenCredential? credential = !authentication.UsesEntraId ? null
            : authentication.ClientId is { } clientId
                ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
                : new DefaultAzureCredential();

        services.AddOpenTelemetry()
            // The worker's invocation activity, continuing the host's trace, and the function app's resource attributes.
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing.AddSource(ParseTelemetry.MeterName).AddSource([.. DependencySources]))
            .WithMetrics(metrics => metrics.AddMeter(ParseTelemetry.MeterName))
            .UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = connectionString;
                options.Credential = credential;
                // Every run, fetch and parse is kept: a night's harvest is small, and a sampled-out fetch would break
                // the trace an operator follows from a failure row.
                options.TracesPerSecond = null;
                options.SamplingRatio = 1.0F;
                // With nothing sampled out it has nothing to do, and it drops every log written inside an activity
                // whose trace flags are not exactly "recorded" (.NET 10 also sets the random-trace-id flag), which
                // would lose each fetch failure and parse warning logged inside a harvest or parse.
                options.EnableTraceBasedLogsSampler = false;
            });
        // Portal and report ids travel as log properties and scopes; they become the traces' customDimensions.
        services.AddLogging(logging => logging.AddOpenTelemetry(options =>
        {
            options.IncludeScopes = true;
            options.IncludeFormattedMessage = true;
        }));
    }
}
