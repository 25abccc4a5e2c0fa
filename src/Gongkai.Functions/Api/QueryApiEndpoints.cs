using System.Globalization;
using Gongkai.Functions.Records;
using Gongkai.Reports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using static Gongkai.Functions.Api.QueryParameters;

namespace Gongkai.Functions.Api;

/// <summary>The QueryApi function's routes under <c>/api</c> (forwarded as they are by the Functions host).</summary>
public static class QueryApiEndpoints
{
    private static readonly IReadOnlyList<string> AgencyCsvHeader = ["agency", "province", "city", "county", "years"];
    private static readonly IReadOnlyList<string> MetricCatalogCsvHeader = ["key", "labelZh", "labelEn", "unit"];
    private static readonly IReadOnlyList<string> RankingCsvHeader = ["rank", "agency", "province", "city", "county", "year", "key", "value", "unit", "reportId"];
    private static readonly IReadOnlyList<string> AgencyMetricCsvHeader = ["agency", "key", "year", "value", "unit", "reportId"];

    public static IEndpointRouteBuilder MapQueryApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").AddEndpointFilter(ProblemFilter).WithTags("Gongkai");

        api.MapGet("/reports", ListReports).WithName("ListReports")
            .WithSummary("Reports, filtered by agency, region, year, report format and whether the parser found problems; paged.")
            .Answers<ListDto<ReportSummaryDto>>(ReportSummaryDto.CsvHeader, paged: true);
        api.MapGet("/reports/{id}", GetReport).WithName("GetReport")
            .WithSummary("One report: its record, sections, every figure with provenance, the source link and its blob versions. CSV gives the figures.")
            .Answers<ReportDto>(MetricDto.CsvHeader, notFound: true);
        api.MapGet("/agencies", ListAgencies).WithName("ListAgencies")
            .WithSummary("Agencies with reports, and the report of each year.")
            .Answers<ListDto<AgencyDto>>(AgencyCsvHeader, paged: true);
        api.MapGet("/metrics", ListMetrics).WithName("ListMetrics")
            .WithSummary("The catalogue of metric keys with Chinese and English labels and units.")
            .Answers<ListDto<MetricDefinitionDto>>(MetricCatalogCsvHeader);
        api.MapGet("/metrics/{key}", RankMetric).WithName("RankMetric")
            .WithSummary("One figure across agencies for a year, ranked (desc by default).")
            .Answers<RankingDto>(RankingCsvHeader, paged: true, notFound: true);
        api.MapGet("/agencies/{agency}/metrics/{key}", AgencyMetric).WithName("AgencyMetric")
            .WithSummary("One agency's figure for a metric over the years.")
            .Answers<AgencyMetricDto>(AgencyMetricCsvHeader, notFound: true);
        api.MapGet("/health", HealthEndpoint.GetAsync).WithName("Health")
            .WithSummary("Liveness, storage reachability and counters for operators.")
            .Produces<HealthDto>(StatusCodes.Status200OK, "application/json")
            .Produces<HealthDto>(StatusCodes.Status503ServiceUnavailable, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        // Every path under /api, with or without a dot: a known path asked with another method is a 405, not a 404.
        api.MapFallback("{*path}", (HttpContext http, EndpointDataSource routes) =>
            AllowedMethods.At(http.Request.Path, routes) is { Count: > 0 } allowed
                ? ApiProblem.MethodNotAllowed(http, allowed)
                : ApiProblem.NotFound($"No route {http.Request.Method} {http.Request.Path}. See /api/openapi.json.")).ExcludeFromDescription();
        return endpoints;
    }

    private static async ValueTask<object?> ProblemFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ApiProblem.BadParameterException e)
        {
            return ApiProblem.BadParameter(e.Parameter, e.Message);
        }
        catch (UnknownMetricException e)
        {
            return ApiProblem.NotFound(e.Message);
        }
    }

    private static async Task<IResult> ListReports(HttpRequest request, ReportQueries queries,
        [FromQuery] string? agency, [FromQuery] string? region, [FromQuery] string? year, [FromQuery] string? format,
        [FromQuery] string? hasProblems, [FromQuery] string? top, [FromQuery] string? continuation, CancellationToken cancellationToken)
    {
        RejectUnknown(request, "agency", "region", "year", "format", "hasProblems", "top", "continuation");
        // On this route format is also the report-format filter; csv and json name the response format instead.
        var reportFormat = Csv.IsResponseFormat(format) ? null : ReportFormat(format);
        var filter = new ReportFilter(Name(agency, "agency"), Name(region, "region"), Year(year), reportFormat, Boolean(hasProblems, "hasProblems"));
        var size = Top(top, 50);
        var query = $"reports|{filter}";
        var page = await queries.ListReportsAsync(filter, size, ContinuationToken.Parse(continuation, query).Continuation, cancellationToken);
        var items = page.Items.Select(ReportSummaryDto.From).ToList();
        var next = ContinuationToken.Create(page.Next, query);
        NextPageLink.Add(request, next);
        if (Csv.Requested(request))
        {
            return Csv.Result(ReportSummaryDto.CsvHeader, items.Select(i => i.CsvRow()), "reports");
        }
        return TypedResults.Ok(new ListDto<ReportSummaryDto>(items, next));
    }

    private static async Task<IResult> GetReport(HttpRequest request, string id, ReportQueries queries, ParsedReportStore parsedReports,
        [FromQuery] string? format, CancellationToken cancellationToken)
    {
        RejectUnknown(request, "format");
        OutputFormat(format);
        var record = ReportIds.IsWellFormed(id) ? await queries.GetReportAsync(id, cancellationToken) : null;
        if (record is null)
        {
            return ApiProblem.NotFound($"There is no report '{id}'. GET /api/reports lists them.");
        }
        var parsed = record.CompressedParse is { } inline ? InlineParse.Read(inline)
            : record.Current.ParsedBlob is { } parsedBlob ? await parsedReports.ReadAsync(parsedBlob, cancellationToken) : null;
        var metrics = (parsed?.Metrics.Values ?? []).OrderBy(m => m.Key, StringComparer.Ordinal).Select(m =>
        {
            var definition = MetricCatalog.Find(m.Key);
            return new MetricDto(m.Key, definition?.LabelZh, definition?.LabelEn, definition?.Unit, m.Value, m.Provenance);
        }).ToList();
        if (Csv.Requested(request))
        {
            return Csv.Result(MetricDto.CsvHeader, metrics.Select(m => m.CsvRow()), "report-" + id);
        }
        var s = record.Summary;
        var text = parsed?.Text ?? "";
        var sections = (parsed?.Sections ?? []).Select(section => new SectionDto(section.Kind, section.Heading,
            section.Start >= 0 && section.End <= text.Length && section.Start <= section.End ? text[section.Start..section.End] : "")).ToList();
        var current = record.Current;
        return TypedResults.Ok(new ReportDto(
            s.Id, s.Agency, record.AgencyAsWritten, new RegionDto(s.Province, s.City, s.County), s.Year, s.Format, record.Script, s.Title, s.PublishedOn, s.ParserVersion,
            new SourceDto(current.SourceUrl, current.FinalUrl, current.PortalId, current.FetchedAt, current.LinkText, current.Blob, record.Encoding),
            (parsed?.Problems ?? []).Select(p => new ProblemDto(p.Code, p.Message, p.Key, p.Start, p.End)).ToList(),
            sections,
            text,
            metrics,
            record.Versions.Reverse().Select(v => new VersionDto(v.Blob, v.FetchedAt, v.SourceUrl, v.Sha256, v.ParserVersion, v.Blob == current.Blob)).ToList()));
    }

    private static async Task<IResult> ListAgencies(HttpRequest request, ReportQueries queries,
        [FromQuery] string? region, [FromQuery] string? top, [FromQuery] string? continuation, [FromQuery] string? format, CancellationToken cancellationToken)
    {
        RejectUnknown(request, "region", "top", "continuation", "format");
        OutputFormat(format);
        var regionName = Name(region, "region");
        var size = Top(top, 100);
        var query = $"agencies|{regionName}";
        var page = await queries.ListAgenciesAsync(regionName, size, ContinuationToken.Parse(continuation, query).Continuation, cancellationToken);
        var items = page.Items.Select(a => new AgencyDto(a.Agency, new RegionDto(a.Province, a.City, a.County), [.. a.Reports.Keys],
            a.Reports.ToDictionary(r => r.Key.ToString(CultureInfo.InvariantCulture), r => r.Value))).ToList();
        var next = ContinuationToken.Create(page.Next, query);
        NextPageLink.Add(request, next);
        if (Csv.Requested(request))
        {
            return Csv.Result(AgencyCsvHeader,
                items.Select(a => new object?[] { a.Agency, a.Region.Province, a.Region.City, a.Region.County, string.Join(' ', a.Years) }), "agencies");
        }
        return TypedResults.Ok(new ListDto<AgencyDto>(items, next));
    }

    private static IResult ListMetrics(HttpRequest request, [FromQuery] string? format)
    {
        RejectUnknown(request, "format");
        OutputFormat(format);
        var items = MetricCatalog.All.Select(m => new MetricDefinitionDto(m.Key, m.LabelZh, m.LabelEn, m.Unit, "/api/metrics/" + m.Key)).ToList();
        if (Csv.Requested(request))
        {
            return Csv.Result(MetricCatalogCsvHeader, items.Select(m => new object?[] { m.Key, m.LabelZh, m.LabelEn, m.Unit }), "metrics");
        }
        return TypedResults.Ok(new ListDto<MetricDefinitionDto>(items, null));
    }

    private static async Task<IResult> RankMetric(HttpRequest request, string key, ReportQueries queries,
        [FromQuery] string? year, [FromQuery] string? region, [FromQuery] string? order, [FromQuery] string? top, [FromQuery] string? continuation,
        [FromQuery] string? format, CancellationToken cancellationToken)
    {
        RejectUnknown(request, "year", "region", "order", "top", "continuation", "format");
        OutputFormat(format);
        var definition = MetricKey(key);
        var reportYear = Year(year) ?? throw new ApiProblem.BadParameterException("year", "year is required: rankings compare one year's reports.");
        var regionName = Name(region, "region");
        var descending = Descending(order);
        var size = Top(top, 50);
        var query = $"metric|{key}|{reportYear}|{regionName}";
        IReadOnlyList<MetricFigure> figures;
        string? next = null;
        var offset = 0;
        if (descending)
        {
            var resume = ContinuationToken.Parse(continuation, query);
            offset = resume.Position;
            var page = await queries.RankAsync(key, reportYear, regionName, size, resume.Continuation, cancellationToken);
            figures = page.Items;
            next = ContinuationToken.Create(page.Next, query, offset + figures.Count);
        }
        else
        {
            if (continuation is not null)
            {
                throw new ApiProblem.BadParameterException("continuation", "continuation applies to order=desc; order=asc returns the lowest figures in one page.");
            }
            figures = await queries.RankAscendingAsync(key, reportYear, regionName, size, cancellationToken);
        }
        var items = figures.Select((f, i) => new RankedFigureDto(offset + i + 1, f.Agency, new RegionDto(f.Province, f.City, f.County), f.Value, f.ReportId, "/api/reports/" + f.ReportId)).ToList();
        NextPageLink.Add(request, next);
        if (Csv.Requested(request))
        {
            return Csv.Result(RankingCsvHeader,
                items.Select(i => new object?[] { i.Rank, i.Agency, i.Region.Province, i.Region.City, i.Region.County, reportYear, key, i.Value, definition.Unit, i.ReportId }),
                $"{key}-{reportYear}");
        }
        return TypedResults.Ok(new RankingDto(definition.Key, definition.LabelZh, definition.LabelEn, definition.Unit, reportYear, regionName,
            descending ? "desc" : "asc", items, next));
    }

    private static async Task<IResult> AgencyMetric(HttpRequest request, string agency, string key, ReportQueries queries, [FromQuery] string? format, CancellationToken cancellationToken)
    {
        RejectUnknown(request, "format");
        OutputFormat(format);
        var name = Name(RawRouteValue.Get(request, "agency", agency), "agency")!;
        var definition = MetricKey(key);
        if (await queries.GetAgencyAsync(name, cancellationToken) is null)
        {
            return ApiProblem.NotFound($"There is no agency '{name}'. GET /api/agencies lists them.");
        }
        var figures = await queries.OverYearsAsync(name, key, cancellationToken);
        var items = figures.Select(f => new YearFigureDto(f.Year, f.Value, f.ReportId, "/api/reports/" + f.ReportId)).ToList();
        if (Csv.Requested(request))
        {
            return Csv.Result(AgencyMetricCsvHeader,
                items.Select(i => new object?[] { name, key, i.Year, i.Value, definition.Unit, i.ReportId }), "agency-metric");
        }
        return TypedResults.Ok(new AgencyMetricDto(name, definition.Key, definition.LabelZh, definition.LabelEn, definition.Unit, items));
    }

    private static void OutputFormat(string? format)
    {
        if (format is not null && !Csv.IsResponseFormat(format))
        {
            throw new ApiProblem.BadParameterException("format", $"format must be json or csv; got '{format}'.");
        }
    }
}
