using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.Metrics;

namespace Gongkai.Functions.Telemetry;

/// <summary>
/// Sends every measurement of the "Gongkai" meter to Application Insights as a pre-aggregated metric (one
/// <c>customMetrics</c> row per instrument, tag set and minute), with the tags as <c>customDimensions</c>:
/// Application Insights' classic SDK does not read System.Diagnostics.Metrics by itself.
/// </summary>
public sealed class ApplicationInsightsMetricForwarder : IHostedService, IDisposable
{
    private readonly TelemetryClient _client;
    private readonly IMeterFactory _meterFactory;
    private readonly ConcurrentDictionary<string, Metric> _metrics = new(StringComparer.Ordinal);
    private MeterListener? _listener;

    public ApplicationInsightsMetricForwarder(TelemetryClient client, IMeterFactory meterFactory)
    {
        _client = client;
        _meterFactory = meterFactory;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener = GongkaiMeters.Listen(_meterFactory, OnMeasurement, OnMeasurement, OnMeasurement);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _listener?.Dispose();
        _listener = null;
        // Sends the current minute's aggregates now instead of losing them with the process.
        _client.Flush();
        return Task.CompletedTask;
    }

    public void Dispose() => _listener?.Dispose();

    private void OnMeasurement<T>(Instrument instrument, T measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
        where T : struct
    {
        // Application Insights identifies a metric by its dimension names in order; tags arrive in any order.
        var sorted = tags.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var names = new string[sorted.Length];
        var values = new string[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            names[i] = sorted[i].Key;
            values[i] = Convert.ToString(sorted[i].Value, CultureInfo.InvariantCulture) ?? "";
        }

        var key = instrument.Name + "|" + string.Join('|', names);
        var metric = _metrics.GetOrAdd(key, _ => _client.GetMetric(new MetricIdentifier(MetricIdentifier.DefaultMetricNamespace, instrument.Name, names)));
        if (metric.TryGetDataSeries(out var series, true, values))
        {
            series.TrackValue(GongkaiMeters.ToDouble(measurement));
        }
    }
}
