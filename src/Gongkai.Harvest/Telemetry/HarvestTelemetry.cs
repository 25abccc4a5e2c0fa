using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace Gongkai.Harvest.Telemetry;

/// <summary>The harvest's metrics (Meter "Gongkai") and traces (ActivitySource "Gongkai").</summary>
public sealed class HarvestTelemetry : IDisposable
{
    /// <summary>The meter and activity source name shared by all of Gongkai.</summary>
    public const string Name = "Gongkai";

    private readonly Counter<long> _pagesFetched;
    private readonly Counter<long> _reportsStored;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _bytesFetched;
    private readonly Histogram<double> _fetchDuration;
    private readonly Counter<long> _runs;
    private readonly Histogram<double> _runDuration;

    /// <summary>Creates the instruments on the factory's "Gongkai" meter.</summary>
    public HarvestTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(new MeterOptions(Name));
        _pagesFetched = meter.CreateCounter<long>("gongkai.harvest.pages_fetched", "{page}", "HTTP fetches by outcome and status.");
        _reportsStored = meter.CreateCounter<long>("gongkai.harvest.reports_stored", "{report}", "Report pages and attachments by outcome: new, changed, unchanged.");
        _failures = meter.CreateCounter<long>("gongkai.harvest.failures", "{failure}", "Harvest failures by stage: list, fetch, store, robots.");
        _bytesFetched = meter.CreateCounter<long>("gongkai.harvest.bytes_fetched", "By", "Body bytes fetched.");
        _fetchDuration = meter.CreateHistogram<double>("gongkai.harvest.fetch.duration", "ms", "Fetch latency, retries and politeness waits included.");
        _runs = meter.CreateCounter<long>("gongkai.harvest.runs", "{run}", "Harvest runs by outcome: completed, skipped, cancelled.");
        _runDuration = meter.CreateHistogram<double>("gongkai.harvest.run.duration", "s", "Harvest run duration.");
        ActivitySource = new ActivitySource(Name, Version);
    }

    /// <summary>The "Gongkai" activity source: one activity per harvest run and per fetch.</summary>
    public ActivitySource ActivitySource { get; }

    /// <summary>The assembly's informational version without the source-revision suffix.</summary>
    public static string Version { get; } = ReadVersion();

    internal void PageFetched(string portal, string outcome, int? status, long bytes, TimeSpan duration)
    {
        var tags = new TagList { { "gongkai.portal", portal }, { "gongkai.outcome", outcome }, { "http.response.status_code", status ?? 0 } };
        _pagesFetched.Add(1, tags);
        _fetchDuration.Record(duration.TotalMilliseconds, tags);
        if (bytes > 0)
        {
            _bytesFetched.Add(bytes, new KeyValuePair<string, object?>("gongkai.portal", portal));
        }
    }

    internal void ReportStored(string portal, string outcome) =>
        _reportsStored.Add(1, new KeyValuePair<string, object?>("gongkai.portal", portal), new KeyValuePair<string, object?>("gongkai.outcome", outcome));

    internal void Failure(string portal, string stage) =>
        _failures.Add(1, new KeyValuePair<string, object?>("gongkai.portal", portal), new KeyValuePair<string, object?>("gongkai.stage", stage));

    internal void RunFinished(string portal, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { "gongkai.portal", portal }, { "gongkai.outcome", outcome } };
        _runs.Add(1, tags);
        _runDuration.Record(duration.TotalSeconds, tags);
    }

    /// <inheritdoc />
    public void Dispose() => ActivitySource.Dispose();

    private static string ReadVersion()
    {
        var version = typeof(HarvestTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+');
        return plus >= 0 ? version[..plus] : version;
    }
}
