using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace Gongkai.Functions.Telemetry;

/// <summary>
/// Prints the "Gongkai" meter to the console every <see cref="TelemetryOptions.ConsoleMetricsInterval"/>, like
/// <c>dotnet-counters monitor</c>: each counter's total and its change over the interval, each histogram's count,
/// mean and maximum, per tag set. For local runs, where there is no Application Insights.
/// </summary>
public sealed class ConsoleMetricsReporter : BackgroundService
{
    private readonly IMeterFactory _meterFactory;
    private readonly TextWriter _output;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly ConcurrentDictionary<string, Series> _series = new(StringComparer.Ordinal);
    private MeterListener? _listener;

    public ConsoleMetricsReporter(IMeterFactory meterFactory, IOptions<TelemetryOptions> options, TimeProvider time, MetricsConsole console)
    {
        _meterFactory = meterFactory;
        _output = console.Output;
        _time = time;
        _interval = options.Value.ConsoleMetricsInterval ?? TimeSpan.FromMinutes(1);
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Listen before the host starts anything that measures; ExecuteAsync only runs the timer.
        _listener = GongkaiMeters.Listen(_meterFactory, OnMeasurement, OnMeasurement, OnMeasurement);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        _listener?.Dispose();
        _listener = null;
    }

    public override void Dispose()
    {
        _listener?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await _output.WriteAsync(Report()).ConfigureAwait(false);
                await _output.FlushAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutting down.
        }
    }

    /// <summary>The table for the interval that just ended; resets the interval's changes.</summary>
    public string Report()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"[Gongkai metrics] {_time.GetUtcNow():yyyy-MM-ddTHH:mm:ssZ} (changes over the last {_interval.TotalSeconds:0.#} s)").AppendLine();
        foreach (var (name, series) in _series.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            text.Append("    ").Append(name.PadRight(70)).Append(' ').AppendLine(series.Describe());
        }
        if (_series.IsEmpty)
        {
            text.AppendLine("    (no measurements yet)");
        }
        return text.ToString();
    }

    private void OnMeasurement<T>(Instrument instrument, T measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
        where T : struct
    {
        var sorted = tags.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var label = new StringBuilder(instrument.Name);
        if (instrument.Unit is { Length: > 0 } unit && !unit.StartsWith('{'))
        {
            label.Append(" (").Append(unit).Append(')');
        }
        if (sorted.Length > 0)
        {
            label.Append(" [").AppendJoin(", ", sorted.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key.Replace("gongkai.", "", StringComparison.Ordinal)}={t.Value}"))).Append(']');
        }
        var series = _series.GetOrAdd(label.ToString(), _ => new Series(instrument is Histogram<T>));
        series.Add(GongkaiMeters.ToDouble(measurement));
    }

    private sealed class Series(bool histogram)
    {
        private readonly Lock _gate = new();
        private double _total;
        private long _count;
        private double _max = double.MinValue;
        private double _sinceReport;

        public void Add(double value)
        {
            lock (_gate)
            {
                _total += value;
                _count++;
                _max = Math.Max(_max, value);
                _sinceReport += histogram ? 1 : value;
            }
        }

        public string Describe()
        {
            lock (_gate)
            {
                var change = _sinceReport;
                _sinceReport = 0;
                return histogram
                    ? string.Create(CultureInfo.InvariantCulture, $"count {_count} (+{change:0})  mean {_total / _count:0.0}  max {_max:0.0}")
                    : string.Create(CultureInfo.InvariantCulture, $"{_total:0} (+{change:0})");
            }
        }
    }
}

/// <summary>Where <see cref="ConsoleMetricsReporter"/> writes: standard output, or a writer a test provides.</summary>
public sealed record MetricsConsole(TextWriter Output);
