using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Gongkai.Reports;

namespace Gongkai.Functions.Records;

/// <summary>
/// The <c>Reports</c> row for one report: the summary of its current version, the figures that version produced
/// (so the index rows derived from it can be recomputed and superseded), and every blob version behind it.
/// Nothing in it depends on when it was written, so parsing the same blob twice writes the same row.
/// </summary>
/// <remarks>
/// The row key repeats the partition key (the id) rather than being empty: emulators and caches index row keys, and a
/// row key shared by every row makes a point read a scan of the table.
/// </remarks>
public sealed record ReportRecord
{
    /// <summary>
    /// The shape of the index rows this version of the code writes (docs/storage.md). 2: one ranking row per figure in
    /// its year's <c>MetricIndex{year}</c> table, figures on the agency's ReportIndex rows. A record written under an
    /// older layout has its index rewritten in full on its next write (a reparse), not only the rows that changed.
    /// </summary>
    public const int CurrentIndexLayout = 2;

    public required ReportSummary Summary { get; init; }
    public string? AgencyAsWritten { get; init; }
    public required string Script { get; init; }
    public string? Encoding { get; init; }
    public IReadOnlyList<string> ProblemCodes { get; init; } = [];

    /// <summary>Canonical metric key → value of the current version.</summary>
    public IReadOnlyDictionary<string, decimal> Metrics { get; init; } = new Dictionary<string, decimal>();

    public required ReportVersion Current { get; init; }

    /// <summary>The current version's full parse, compressed (<see cref="InlineParse"/>); null when too large to keep inline.</summary>
    public byte[]? CompressedParse { get; init; }

    /// <summary>Every blob version, oldest fetch first.</summary>
    public required IReadOnlyList<ReportVersion> Versions { get; init; }

    /// <summary>The layout the record's index rows were written in (1 for rows from before the column existed).</summary>
    public int IndexLayout { get; init; } = CurrentIndexLayout;

    public string Id => Summary.Id;

    public static string RowKeyFor(string id) => id;

    /// <param name="parsedJson">The parse as <see cref="ReportJson.Serialize"/> wrote it to parsed-reports.</param>
    public static ReportRecord Create(string id, ParsedReport parsed, string parsedJson, ReportVersion current, IEnumerable<ReportVersion> versions) => new()
    {
        Summary = new ReportSummary
        {
            Id = id,
            Agency = parsed.Agency,
            Province = parsed.Region.Province,
            City = parsed.Region.City,
            County = parsed.Region.County,
            Year = parsed.ReportYear,
            Format = parsed.Format,
            Title = parsed.Title,
            PublishedOn = parsed.PublishedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            PortalId = current.PortalId,
            SourceUrl = current.SourceUrl,
            ParserVersion = parsed.ParserVersion,
            MetricCount = parsed.Metrics.Count,
            ProblemCount = parsed.Problems.Count,
        },
        AgencyAsWritten = parsed.AgencyAsWritten,
        Script = parsed.Script,
        Encoding = parsed.Decoding.Encoding,
        ProblemCodes = [.. parsed.Problems.Select(p => p.Code).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
        Metrics = new SortedDictionary<string, decimal>(parsed.Metrics.ToDictionary(m => m.Key, m => m.Value.Value, StringComparer.Ordinal), StringComparer.Ordinal),
        Current = current,
        CompressedParse = InlineParse.Compress(parsedJson),
        Versions = Normalize(versions),
    };

    /// <summary>One entry per blob name (the latest wins), oldest fetch first.</summary>
    public static IReadOnlyList<ReportVersion> Normalize(IEnumerable<ReportVersion> versions)
    {
        var byBlob = new Dictionary<string, ReportVersion>(StringComparer.Ordinal);
        foreach (var version in versions)
        {
            byBlob[version.Blob] = version;
        }
        var list = byBlob.Values.ToList();
        list.Sort(ReportVersion.CompareByFetch);
        return list;
    }

    /// <summary>The figures as the <c>MetricsJson</c> column holds them: key → value, in key order.</summary>
    public string MetricsJson() => JsonSerializer.Serialize(Metrics, RecordJson.Options);

    /// <summary>The figures of a row with a <c>MetricsJson</c> column (a Reports row or an agency's ReportIndex row).</summary>
    public static SortedDictionary<string, decimal> ReadMetrics(TableEntity entity) =>
        JsonSerializer.Deserialize<SortedDictionary<string, decimal>>(entity.GetString(IndexRows.MetricsColumn) ?? "{}", RecordJson.Options)
        ?? new SortedDictionary<string, decimal>(StringComparer.Ordinal);

    public TableEntity ToEntity()
    {
        var entity = new TableEntity(Id, RowKeyFor(Id));
        Summary.WriteTo(entity);
        entity["AgencyAsWritten"] = AgencyAsWritten;
        entity["Script"] = Script;
        entity["Encoding"] = Encoding;
        entity["ProblemCodes"] = string.Join(',', ProblemCodes);
        entity["CurrentBlob"] = Current.Blob;
        entity["FetchedAt"] = Current.FetchedAt;
        entity[IndexRows.MetricsColumn] = MetricsJson();
        entity["CurrentJson"] = JsonSerializer.Serialize(Current, RecordJson.Options);
        entity["VersionsJson"] = JsonSerializer.Serialize(Versions, RecordJson.Options);
        entity["CompressedParse"] = CompressedParse;
        entity["IndexLayout"] = CurrentIndexLayout;
        return entity;
    }

    public static ReportRecord FromEntity(TableEntity entity)
    {
        var current = JsonSerializer.Deserialize<ReportVersion>(entity.GetString("CurrentJson") ?? "null", RecordJson.Options)
            ?? throw new InvalidDataException($"Report {entity.PartitionKey} has no current version.");
        return new ReportRecord
        {
            Summary = ReportSummary.FromEntity(entity),
            AgencyAsWritten = entity.GetString("AgencyAsWritten"),
            Script = entity.GetString("Script") ?? ReportScripts.Simplified,
            Encoding = entity.GetString("Encoding"),
            ProblemCodes = (entity.GetString("ProblemCodes") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
            Metrics = ReadMetrics(entity),
            Current = current,
            CompressedParse = entity.GetBinary("CompressedParse"),
            Versions = JsonSerializer.Deserialize<List<ReportVersion>>(entity.GetString("VersionsJson") ?? "[]", RecordJson.Options) ?? [current],
            IndexLayout = entity.GetInt32("IndexLayout") ?? 1,
        };
    }
}
