using Azure.Core;
using Azure.Identity;
using Microsoft.ApplicationInsights.AspNetCore.Extensions;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.ApplicationInsights;

namespace Gongkai.Functions.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>Azure.Core creates its pipeline activities through ActivitySource only with this switch on.</summary>
    public const string AzureActivitySourceSwitch = "Azure.Experimental.EnableActivitySource";

    /// <summary>
    /// Registers Gongkai's telemetry: the parse metrics; when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set,
    /// Application Insights (requests, HTTP and Azure SDK dependencies, logs from Information up with their event
    /// ids and properties, the "Gongkai" meter as custom metrics, the "Gongkai" activities as dependencies), with
    /// Entra authentication when <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> says <c>Authorization=AAD</c>;
    /// and, when <c>Gongkai:Telemetry:ConsoleMetricsInterval</c> is set, dotnet-counters-style console output.
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
            AddApplicationInsights(services, connectionString, AuthenticationString.Parse(configuration[AuthenticationStringSetting]));
        }
        return services;
    }

    private static void AddApplicationInsights(IServiceCollection services, string connectionString, AuthenticationString authentication)
    {
        // Lets the storage pipeline's activities be created through ActivitySource as well as DiagnosticSource (which
        // the SDK's Azure SDK listener turns into storage dependencies), for any ActivityListener in the process.
        AppContext.SetSwitch(AzureActivitySourceSwitch, true);

        services.AddApplicationInsightsTelemetry(new ApplicationInsightsServiceOptions
        {
            ConnectionString = connectionString,
            // Metrics are pre-aggregated and never sampled; requests and exceptions are few enough to keep all.
            EnableAdaptiveSampling = false,
        });
        // The SDK's logger provider forwards Warning and above by default; operators need the Information events too.
        services.AddLogging(logging => logging.AddFilter<ApplicationInsightsLoggerProvider>(string.Empty, LogLevel.Information));

        if (authentication.UsesEntraId)
        {
            TokenCredential credential = authentication.ClientId is { } clientId
                ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
                : new DefaultAzureCredential();
            services.Configure<TelemetryConfiguration>(configuration => configuration.SetAzureTokenCredential(credential));
        }

        services.AddHostedService<ApplicationInsightsMetricForwarder>();
        services.AddHostedService<ActivityDependencyForwarder>();
    }
}
