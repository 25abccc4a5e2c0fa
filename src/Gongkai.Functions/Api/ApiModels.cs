using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Gongkai.Functions.Records;
using Gongkai.Reports;

namespace Gongkai.Functions.Api;

public sealed record RegionDto(string? Province, string? City, string? County);

public sealed record ReportSummaryDto(string Id, string? Agency, RegionDto Region, int? Year, string Format, string? Title, string? PublishedOn,
    string? PortalId, string? SourceUrl, string ParserVersion, int Figures, int Problems, bool HasProblems, string Link)
{
    public static ReportSummaryDto From(ReportSummary s) => new(s.Id, s.Agency, new RegionDto(s.Province, s.City, s.County), s.Year, s.Format, s.Title,
        s.PublishedOn, s.PortalId, s.SourceUrl, s.ParserVersion, s.MetricCount, s.ProblemCount, s.HasProblems, "/api/reports/" + s.Id);

    public static IReadOnlyList<string> CsvHeader { get; } =
        ["id", "agency", "province", "city", "county", "year", "format", "title", "publishedOn", "portalId", "sourceUrl", "parserVersion", "figures", "problems"];

    public IEnumerable<object?> CsvRow() =>
        [Id, Agency, Region.Province, Region.City, Region.County, Year, Format, Title, PublishedOn, PortalId, SourceUrl, ParserVersion, Figures, Problems];
}

/// <param name="Continuation">Pass it back as <c>continuation</c> for the next page; null on the last page (always present).</param>
public sealed record ListDto<T>(IReadOnlyList<T> Items, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Continuation);

/// <param name="Text">The parsed text (original script; tables as rows of tab-separated cells) that every figure's
/// <c>provenance.start</c>/<c>end</c>, every section and every problem's <c>start</c>/<c>end</c> point into.</param>
public sealed record ReportDto(
    string Id,
    string? Agency,
    string? AgencyAsWritten,
    RegionDto Region,
    int? Year,
    string Format,
    string Script,
    string? Title,
    string? PublishedOn,
    string ParserVersion,
    SourceDto Source,
    IReadOnlyList<ProblemDto> Problems,
    IReadOnlyList<SectionDto> Sections,
    string Text,
    IReadOnlyList<MetricDto> Metrics,
    IReadOnlyList<VersionDto> Versions);

/// <param name="Url">The page the report was published at: the source link.</param>
/// <param name="Blob">The archived raw bytes in the raw-reports container.</param>
public sealed record SourceDto(string? Url, string? FinalUrl, string? PortalId, DateTimeOffset? FetchedAt, string? LinkText, string Blob, string? Encoding);

/// <param name="Start">Offset into the report's <c>text</c> of the passage concerned, when there is one.</param>
public sealed record ProblemDto(string Code, string Message, string? Key, int? Start, int? End);

public sealed record SectionDto(string Kind, string Heading, string Text);

public sealed record MetricDto(string Key, string? LabelZh, string? LabelEn, string? Unit, decimal Value, MetricProvenance Provenance)
{
    public static IReadOnlyList<string> CsvHeader { get; } =
        ["key", "labelZh", "labelEn", "unit", "value", "source", "section", "table", "row", "column", "rowLabel", "columnLabel", "text"];

    public IEnumerable<object?> CsvRow() =>
        [Key, LabelZh, LabelEn, Unit, Value, Provenance.Kind, Provenance.Section, Provenance.Table, Provenance.Row, Provenance.Column, Provenance.RowLabel, Provenance.ColumnLabel, Provenance.Text];
}

public sealed record VersionDto(string Blob, DateTimeOffset? FetchedAt, string? SourceUrl, string? Sha256, string? ParserVersion, bool Current);

public sealed record AgencyDto(string Agency, RegionDto Region, IReadOnlyList<int> Years, IReadOnlyDictionary<string, string> Reports);

/// <summary>The agency list, and the entry for reports that name no author, which no agency lists.</summary>
public sealed record AgencyListDto(
    IReadOnlyList<AgencyDto> Items,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Continuation,
    AuthorNotStatedDto AuthorNotStated);

/// <summary>
/// Where the reports without a stated author are: the parser leaves a report's agency empty rather than guess it (a
/// page's publisher or website owner is not its author), and those reports are still found through this entry.
/// </summary>
public sealed record AuthorNotStatedDto(string ProblemCode, string Reason, string Reports)
{
    public const string ReasonText =
        "The report names no author: neither its title, nor a sentence in which it names itself, nor a contact line says which agency wrote it. "
        + "The page's publisher (发布机构, 信息来源) and the website's owner are not taken as its author, so it is listed under no agency.";

    /// <summary>The entry, with the link to the report list resolved against the agency list's own path.</summary>
    public static AuthorNotStatedDto For(HttpRequest request)
    {
        var path = request.PathBase.Add(request.Path).Value ?? "";
        var reports = path[..(path.LastIndexOf('/') + 1)] + "reports?agencyStated=false";
        return new AuthorNotStatedDto(ProblemCodes.AgencyMissing, ReasonText, reports);
    }
}

public sealed record MetricDefinitionDto(string Key, string LabelZh, string LabelEn, string Unit, string Link);

public sealed record RankedFigureDto(int Rank, string? Agency, RegionDto Region, decimal Value, string ReportId, string Link);

public sealed record RankingDto(string Key, string LabelZh, string LabelEn, string Unit, int Year, string? Region, string Order, IReadOnlyList<RankedFigureDto> Items,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Continuation);

public sealed record YearFigureDto(int? Year, decimal Value, string ReportId, string Link);

public sealed record AgencyMetricDto(string Agency, string Key, string LabelZh, string LabelEn, string Unit, IReadOnlyList<YearFigureDto> Items);
