namespace Gongkai.Functions.Telemetry;

/// <summary>Telemetry settings (section <c>Gongkai:Telemetry</c>; app settings <c>Gongkai__Telemetry__*</c>).</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Gongkai:Telemetry";

    /// <summary>
    /// How often to print the "Gongkai" meter's counters to the console, dotnet-counters style; unset or zero
    /// prints nothing (in Azure the metrics go to Application Insights instead).
    /// </summary>
    public TimeSpan? ConsoleMetricsInterval { get; set; }

    internal bool ConsoleMetricsEnabled => ConsoleMetricsInterval is { } interval && interval > TimeSpan.Zero;
}
