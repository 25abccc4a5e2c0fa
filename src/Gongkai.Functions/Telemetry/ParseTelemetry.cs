using System.Diagnostics;
using System.Diagnostics.Metrics;
using Gongkai.Reports;

namespace Gongkai.Functions.Telemetry;

/// <summary>
/// The parse side's metrics on meter "Gongkai": reports parsed (by outcome and format), parse duration, problems by
/// code and figures extracted, tagged with the portal the raw blob came from (its first path segment); and its trace:
/// one "gongkai.parse" activity per blob, a child of the harvest run that stored the blob.
/// </summary>
public sealed class ParseTelemetry : IDisposable
{
    public const string ActivityName = "gongkai.parse";
    public const string MeterName = "Gongkai";
    public const string ReportsInstrument = "gongkai.parse.reports";
    public const string DurationInstrument = "gongkai.parse.duration";
    public const string ProblemsInstrument = "gongkai.parse.problems";
    public const string FiguresInstrument = "gongkai.parse.figures";

    public const string PortalTag = "gongkai.portal";
    public const string OutcomeTag = "gongkai.outcome";
    public const string FormatTag = "gongkai.format";
    public const string ProblemCodeTag = "gongkai.problem_code";

    private readonly Counter<long> _reports;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _problems;
    private readonly Counter<long> _figures;
    private readonly ActivitySource _activities = new(MeterName);

    public ParseTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(new MeterOptions(MeterName));
        _reports = meter.CreateCounter<long>(ReportsInstrument, "{report}", "Raw blobs handled by ParseReport, by outcome: parsed, failed, skipped.");
        _duration = meter.CreateHistogram<double>(DurationInstrument, "ms", "Time to parse one raw blob.");
        _problems = meter.CreateCounter<long>(ProblemsInstrument, "{problem}", "Problems parsed reports carry, by code.");
        _figures = meter.CreateCounter<long>(FiguresInstrument, "{figure}", "Figures read from parsed reports.");
    }

    /// <summary>
    /// Starts the activity of one blob's parse. Its parent is the harvest run recorded in the blob's
    /// <c>traceparent</c> metadata, so the run, its fetches and the parses it caused share one operation id even though
    /// the parse runs later, elsewhere, from a blob event; the invocation that ran it (the ambient activity) becomes a link.
    /// Without that metadata (blobs stored before it existed, or by hand) the parse nests under the ambient activity.
    /// </summary>
    public Activity? StartParse(string blobName, string? traceParent, DateTimeOffset startedAt)
    {
        var tags = new TagList { { PortalTag, PortalOf(blobName) }, { "gongkai.blob", blobName } };
        if (traceParent is null || !ActivityContext.TryParse(traceParent, null, isRemote: true, out var harvest))
        {
            return _activities.StartActivity(ActivityName, ActivityKind.Consumer, parentContext: default, tags, links: null, startedAt);
        }

        var links = Activity.Current is { } invocation ? new[] { new ActivityLink(invocation.Context) } : null;
        return _activities.StartActivity(ActivityName, ActivityKind.Consumer, harvest, tags, links, startedAt);
    }

    public void Dispose() => _activities.Dispose();

    /// <summary>Records a report the parser read (problems included: they are findings, not failures).</summary>
    public void Parsed(string blobName, ParsedReport report, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(report);
        var portal = PortalOf(blobName);
        _reports.Add(1, new TagList { { PortalTag, portal }, { OutcomeTag, "parsed" }, { FormatTag, report.Format } });
        _duration.Record(duration.TotalMilliseconds, new TagList { { PortalTag, portal }, { OutcomeTag, "parsed" } });
        if (report.Metrics.Count > 0)
        {
            _figures.Add(report.Metrics.Count, new KeyValuePair<string, object?>(PortalTag, portal));
        }
        foreach (var problem in report.Problems)
        {
            _problems.Add(1, new KeyValuePair<string, object?>(ProblemCodeTag, problem.Code));
        }
    }

    /// <summary>Records a raw blob that could not be turned into records (it is also a Failures row, stage parse).</summary>
    public void Failed(string blobName, TimeSpan duration)
    {
        var portal = PortalOf(blobName);
        _reports.Add(1, new TagList { { PortalTag, portal }, { OutcomeTag, "failed" } });
        _duration.Record(duration.TotalMilliseconds, new TagList { { PortalTag, portal }, { OutcomeTag, "failed" } });
    }

    /// <summary>Records a raw blob that is archived but not parsed (not a page or text).</summary>
    public void Skipped(string blobName) =>
        _reports.Add(1, new TagList { { PortalTag, PortalOf(blobName) }, { OutcomeTag, "skipped" } });

    /// <summary>Raw blobs are named <c>{portalId}/{year}/{sha256}.{ext}</c>; anything else counts as <c>unknown</c>.</summary>
    public static string PortalOf(string blobName)
    {
        var slash = string.IsNullOrEmpty(blobName) ? -1 : blobName.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? blobName[..slash] : "unknown";
    }
}
