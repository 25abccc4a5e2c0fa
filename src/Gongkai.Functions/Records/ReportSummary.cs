using Azure.Data.Tables;

namespace Gongkai.Functions.Records;

/// <summary>The columns every report row carries (record and index rows alike), so listings never need a second read.</summary>
public sealed record ReportSummary
{
    public required string Id { get; init; }
    public string? Agency { get; init; }
    public string? Province { get; init; }
    public string? City { get; init; }
    public string? County { get; init; }
    public int? Year { get; init; }
    public required string Format { get; init; }
    public string? Title { get; init; }
    public string? PublishedOn { get; init; }
    public string? PortalId { get; init; }
    public string? SourceUrl { get; init; }
    public required string ParserVersion { get; init; }
    public int MetricCount { get; init; }
    public int ProblemCount { get; init; }
    public bool HasProblems => ProblemCount > 0;

    /// <summary>
    /// False when the report names no author (problem <c>metadata.agency_missing</c>): such a report is under no agency,
    /// so the API lists it under an explicit "author not stated" entry instead of losing it.
    /// </summary>
    public bool AgencyStated => Agency is { Length: > 0 };

    /// <summary>The column names, for <c>$select</c>.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["ReportId", "Agency", "Province", "City", "County", "Year", "Format", "Title", "PublishedOn", "PortalId", "SourceUrl", "ParserVersion", "MetricCount", "ProblemCount", "HasProblems", "AgencyStated"];

    public void WriteTo(TableEntity entity)
    {
        entity["ReportId"] = Id;
        entity["Agency"] = Agency;
        entity["Province"] = Province;
        entity["City"] = City;
        entity["County"] = County;
        entity["Year"] = Year;
        entity["Format"] = Format;
        entity["Title"] = Title;
        entity["PublishedOn"] = PublishedOn;
        entity["PortalId"] = PortalId;
        entity["SourceUrl"] = SourceUrl;
        entity["ParserVersion"] = ParserVersion;
        entity["MetricCount"] = MetricCount;
        entity["ProblemCount"] = ProblemCount;
        entity["HasProblems"] = HasProblems;
        entity["AgencyStated"] = AgencyStated;
    }

    public static ReportSummary FromEntity(TableEntity entity) => new()
    {
        Id = entity.GetString("ReportId") ?? entity.PartitionKey,
        Agency = entity.GetString("Agency"),
        Province = entity.GetString("Province"),
        City = entity.GetString("City"),
        County = entity.GetString("County"),
        Year = entity.GetInt32("Year"),
        Format = entity.GetString("Format") ?? "unknown",
        Title = entity.GetString("Title"),
        PublishedOn = entity.GetString("PublishedOn"),
        PortalId = entity.GetString("PortalId"),
        SourceUrl = entity.GetString("SourceUrl"),
        ParserVersion = entity.GetString("ParserVersion") ?? "",
        MetricCount = entity.GetInt32("MetricCount") ?? 0,
        ProblemCount = entity.GetInt32("ProblemCount") ?? 0,
    };
}
