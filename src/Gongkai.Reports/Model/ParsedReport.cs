namespace Gongkai.Reports;

/// <summary>Everything the parser could read from one report. Absent figures are absent, never zero.</summary>
public sealed record ParsedReport
{
    /// <summary>The agency's name in Simplified Chinese, for grouping and queries.</summary>
    public string? Agency { get; init; }

    /// <summary>The agency's name as the document writes it (possibly Traditional script).</summary>
    public string? AgencyAsWritten { get; init; }

    public ReportRegion Region { get; init; } = ReportRegion.Unknown;

    /// <summary>The year reported on (not the publishing year).</summary>
    public int? ReportYear { get; init; }

    public DateOnly? PublishedOn { get; init; }

    /// <summary><c>2021</c>, <c>2019</c>, <c>pre2019</c> or <c>unknown</c> (see <see cref="ReportFormats"/>).</summary>
    public string Format { get; init; } = ReportFormats.Unknown;

    /// <summary><c>simplified</c>, <c>traditional</c> or <c>mixed</c> (see <see cref="ReportScripts"/>).</summary>
    public string Script { get; init; } = ReportScripts.Simplified;

    public string? Title { get; init; }

    /// <summary>What the report was read from: <c>html</c>, <c>text</c>, <c>pdf</c>, <c>docx</c>, <c>xlsx</c>, <c>xls</c>, <c>doc</c> (see <see cref="SourceTypes"/>).</summary>
    public string SourceType { get; init; } = SourceTypes.Html;

    /// <summary>How the bytes were decoded: the encoding used and what decided it.</summary>
    public DecodingInfo Decoding { get; init; } = DecodingInfo.None;

    /// <summary>The cleaned report text (original script) that section and sentence offsets point into.</summary>
    public string Text { get; init; } = "";

    public IReadOnlyList<ReportSection> Sections { get; init; } = [];

    /// <summary>Canonical metric key → figure with provenance.</summary>
    public IReadOnlyDictionary<string, ReportMetric> Metrics { get; init; } = new Dictionary<string, ReportMetric>();

    public IReadOnlyList<ReportProblem> Problems { get; init; } = [];

    public string ParserVersion { get; init; } = ReportParserVersion.Current;
}

public static class ReportFormats
{
    public const string Format2021 = "2021";
    public const string Format2019 = "2019";
    public const string Pre2019 = "pre2019";
    public const string Unknown = "unknown";
}

public static class ReportScripts
{
    public const string Simplified = "simplified";
    public const string Traditional = "traditional";
    public const string Mixed = "mixed";
}

/// <summary>Administrative divisions read from the agency name or the text, in Simplified Chinese.</summary>
public sealed record ReportRegion(string? Province, string? City, string? County)
{
    public static ReportRegion Unknown { get; } = new(null, null, null);
}

/// <param name="Encoding">The web name of the encoding used (e.g. <c>gb18030</c>, <c>utf-8</c>, <c>big5</c>).</param>
/// <param name="DecidedBy"><c>bom</c>, <c>http</c>, <c>meta</c>, <c>detected</c> or <c>default</c>.</param>
/// <param name="Declared">The charset the HTTP header or the page declared, when it differs from what was used.</param>
public sealed record DecodingInfo(string Encoding, string DecidedBy, string? Declared = null)
{
    public static DecodingInfo None { get; } = new("utf-8", "default");
}

/// <param name="Kind">overview, proactive, requests, consultations, fees, review_litigation, problems or other.</param>
/// <param name="Heading">The heading as written.</param>
/// <param name="Start">Offset of the heading in <see cref="ParsedReport.Text"/>.</param>
/// <param name="End">Offset just past the section's last character.</param>
public sealed record ReportSection(string Kind, string Heading, int Start, int End);

public sealed record ReportMetric(string Key, decimal Value, MetricProvenance Provenance);

/// <summary>Where a figure came from, so a reader can check it against the page.</summary>
public sealed record MetricProvenance
{
    /// <summary><c>table</c>, <c>sentence</c> or <c>recovered</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The section kind the figure was read in, when known.</summary>
    public string? Section { get; init; }

    // Table cells.
    public int? Table { get; init; }
    public int? Row { get; init; }
    public int? Column { get; init; }
    public string? RowLabel { get; init; }
    public string? ColumnLabel { get; init; }

    /// <summary>The PDF page (from 1) the figure was printed on, for a report read from a PDF.</summary>
    public int? Page { get; init; }

    /// <summary>The spreadsheet cell (<c>Sheet1!C7</c>) the figure was read from, for a report read from a workbook.</summary>
    public string? Cell { get; init; }

    // Sentences (offsets into ParsedReport.Text).
    public int? Start { get; init; }
    public int? End { get; init; }

    /// <summary>The text the figure was read from: the cell's text or the matched phrase.</summary>
    public string? Text { get; init; }

    /// <summary>The unit as written (件, 条, 万条, 万元, 元 …), when there was one.</summary>
    public string? Unit { get; init; }

    /// <summary>The factor applied to the written number (10000 for 万), when not 1.</summary>
    public decimal? Multiplier { get; init; }

    /// <summary>Why a figure was recovered or adjusted, in plain words.</summary>
    public string? Note { get; init; }
}

/// <summary>A specific, coded finding about a report. Problems never abort parsing.</summary>
/// <param name="Code">A stable code from <see cref="ProblemCodes"/>.</param>
public sealed record ReportProblem(string Code, string Message)
{
    /// <summary>The metric key the problem concerns, when there is one.</summary>
    public string? Key { get; init; }

    /// <summary>Offsets into <see cref="ParsedReport.Text"/> of the text concerned, when there is one.</summary>
    public int? Start { get; init; }
    public int? End { get; init; }
}

/// <summary>Stable problem codes. Each area of the parser declares its codes in its own partial file.</summary>
public static partial class ProblemCodes
{
}

public static class ReportParserVersion
{
    /// <summary>Bumped whenever the parser's output for the same input can change; stored with every record.</summary>
    public const string Current = "1.0.0";
}
