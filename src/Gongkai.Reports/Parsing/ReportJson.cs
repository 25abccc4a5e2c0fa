using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Gongkai.Reports;

/// <summary>
/// JSON for parsed reports: camelCase, nulls omitted, Chinese written as characters (not \u escapes). The
/// parsed-reports blobs use <see cref="Serialize"/>; the CLI's JSON Lines use <see cref="SerializeRecord"/>.
/// </summary>
public static class ReportJson
{
    private static readonly JsonSerializerOptions Compact = CreateOptions(indented: false);
    private static readonly JsonSerializerOptions Indented = CreateOptions(indented: true);

    public static string Serialize(ParsedReport report, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(report, indented ? Indented : Compact);
    }

    /// <summary>The report, or null when <paramref name="json"/> is not a parsed report.</summary>
    public static ParsedReport? Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return OrNull(() => JsonSerializer.Deserialize<ParsedReport>(json, Compact));
    }

    /// <summary>The report, or null when the UTF-8 JSON in <paramref name="utf8Json"/> is not a parsed report.</summary>
    /// <remarks>Reads through pooled buffers: a report's JSON as one string would land on the large-object heap.</remarks>
    public static ParsedReport? Deserialize(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        return OrNull(() => JsonSerializer.Deserialize<ParsedReport>(utf8Json, Compact));
    }

    private static ParsedReport? OrNull(Func<ParsedReport?> deserialize)
    {
        try
        {
            return deserialize();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// One line of <c>gongkai parse</c> output: metadata, sections, <c>metrics</c> as a flat key → number
    /// object with <c>provenance</c> beside it, problems and the parser version; the full text is left out.
    /// </summary>
    public static string SerializeRecord(ParsedReport report, string? file, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(report);
        var options = indented ? Indented : Compact;
        var metrics = new JsonObject();
        var provenance = new JsonObject();
        foreach (var (key, metric) in report.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            metrics[key] = metric.Value;
            provenance[key] = JsonSerializer.SerializeToNode(metric.Provenance, options);
        }

        var record = new JsonObject
        {
            ["file"] = file,
            ["agency"] = report.Agency,
            ["agencyAsWritten"] = report.AgencyAsWritten,
            ["region"] = JsonSerializer.SerializeToNode(report.Region, options),
            ["reportYear"] = report.ReportYear,
            ["publishedOn"] = report.PublishedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["format"] = report.Format,
            ["script"] = report.Script,
            ["title"] = report.Title,
            ["sourceType"] = report.SourceType,
            ["decoding"] = JsonSerializer.SerializeToNode(report.Decoding, options),
            ["sections"] = JsonSerializer.SerializeToNode(report.Sections, options),
            ["metrics"] = metrics,
            ["provenance"] = provenance,
            ["problems"] = JsonSerializer.SerializeToNode(report.Problems, options),
            ["parserVersion"] = report.ParserVersion,
        };
        return record.ToJsonString(options);
    }

    private static JsonSerializerOptions CreateOptions(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = indented,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
