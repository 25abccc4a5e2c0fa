using System.Runtime.CompilerServices;

namespace Gongkai.Functions.Tests.Operations;

/// <summary>
/// The Azure Monitor exporter reports on itself unless told not to: statsbeat to a Microsoft endpoint, and SDK stats,
/// which first ask the Azure VM metadata service (169.254.169.254) where they run. The exporter reads both switches
/// only from the environment, so the test process sets them before any test builds an exporter: tests talk to
/// loopback only.
/// </summary>
internal static class TelemetryEnvironment
{
    public const string StatsbeatDisabled = "APPLICATIONINSIGHTS_STATSBEAT_DISABLED";
    public const string SdkStatsDisabled = "APPLICATIONINSIGHTS_SDKSTATS_DISABLED";

    [ModuleInitializer]
    internal static void DisableExporterSelfReporting()
    {
        Environment.SetEnvironmentVariable(StatsbeatDisabled, "true");
        Environment.SetEnvironmentVariable(SdkStatsDisabled, "true");
    }
}
