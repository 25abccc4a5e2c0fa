using System.Globalization;
using Gongkai.Functions.Hosting;
using Gongkai.Functions.Records;
using Gongkai.Reports;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using static Gongkai.Functions.Api.QueryParameters;

namespace Gongkai.Functions.Api;

/// <summary>
/// The query API's HTTP functions under <c>/api</c> (host.json's route prefix), one per route. Each body reads its
/// parameters and asks <see cref="ReportQueries"/>; <see cref="ApiResponder"/> adds what every route shares (the
/// response cache, problem answers for bad parameters and unreachable storage).
/// </summary>
public sealed class QueryApiFunctions(ApiResponder responder, ReportQueries queries, ParsedReportStore parsedReports)
{
    public static readonly IReadOnlyList<string> AgencyCsvHeader = ["agency", "province", "city", "county", "years"];
    public static readonly IReadOnlyList<string> MetricCatalogCsvHeader = ["key", "labelZh", "labelEn", "unit"];
    public static readonly IReadOnlyList<string> RankingCsvHeader = ["rank", "agency", "province", "city", "county", "year", "key", "value", "unit", "reportId"];
    public static readonly IReadOnlyList<string> AgencyMetricCsvHeader = ["agency", "key", "year", "value", "unit", "reportId"];

    [Function(FunctionNames.ListReports)]
    public Task<IResult> ListReports(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = "reports")] HttpRequest request, CancellationToken cancellationToken) =>
        responder.AnswerAsync(request, async () =>
        {
            RejectUnknown(request, "agency", "region", "year", "format", "hasProblems", "agencyStated", "top", "continuation");
            var format = Query(request, "format");
            // On this route format is also the report-format filter; csv and json name the response format instead.
            var reportFormat = Csv.IsResponseFormat(format) ? null : ReportFormat(format);
            var agency = Name(Query(request, "agency"), "agency");
            var agencyStated = Boolean(Query(request, "agencyStated"), "agencyStated");
            if (agency is not null && agencyStated == false)
            {
                throw new ApiProblem.BadParameterException("agencyStated", "agencyStated=false lists reports that name no author; it cannot be combined with agency.");
            }
            var filter = new ReportFilter(agency, Name(Query(request, "region"), "region"), Year(Query(request, "year")),
                reportFormat, Boolean(Query(request, "hasProblems"), "hasProblems"), agencyStated);
            var size = Top(Query(request, "top"), 50);
            var query = $"reports|{filter}";
            var page = await queries.ListReportsAsync(filter, size, ContinuationToken.Parse(Query(request, "continuation"), query).Continuation, cancellationToken);
            var items = page.Items.Select(ReportSummaryDto.From).ToList();
            var next = ContinuationToken.Create(page.Next, query);
            NextPageLink.Add(request, next);
            if (Csv.Requested(request))
            {
                return Csv.Result(ReportSummaryDto.CsvHeader, items.Select(i => i.CsvRow()), "reports");
            }
            return TypedResults.Ok(new ListDto<ReportSummaryDto>(items, next));
        });

    [Function(FunctionNames.GetReport)]
    public Task<IResult> GetReport(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = "reports/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        responder.AnswerAsync(request, async () =>
        {
            RejectUnknown(request, "format");
            OutputFormat(request);
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
        });

    [Function(FunctionNames.ListAgencies)]
    public Task<IResult> ListAgencies(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = "agencies")] HttpRequest request, CancellationToken cancellationToken) =>
        responder.AnswerAsync(request, async () =>
        {
            RejectUnknown(request, "region", "top", "continuation", "format");
            OutputFormat(request);
            var regionName = Name(Query(request, "region"), "region");
            var size = Top(Query(request, "top"), 100);
            var query = $"agencies|{regionName}";
            var page = await queries.ListAgenciesAsync(regionName, size, ContinuationToken.Parse(Query(request, "continuation"), query).Continuation, cancellationToken);
            var items = page.Items.Select(a => new AgencyDto(a.Agency, new RegionDto(a.Province, a.City, a.County), [.. a.Reports.Keys],
                a.Reports.ToDictionary(r => r.Key.ToString(CultureInfo.InvariantCulture), r => r.Value))).ToList();
            var next = ContinuationToken.Create(page.Next, query);
            NextPageLink.Add(request, next);
            if (Csv.Requested(request))
            {
                return Csv.Result(AgencyCsvHeader,
                    items.Select(a => new object?[] { a.Agency, a.Region.Province, a.Region.City, a.Region.County, string.Join(' ', a.Years) }), "agencies");
            }
            return TypedResults.Ok(new AgencyListDto(items, next, AuthorNotStatedDto.For(request)));
        });

    [Function(FunctionNames.ListMetrics)]
    public Task<IResult> ListMetrics(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = "metrics")] HttpRequest request) =>
        responder.AnswerAsync(request, () =>
        {
            RejectUnknown(request, "format");
            OutputFormat(request);
            var items = MetricCatalog.All.Select(m => new MetricDefinitionDto(m.Key, m.LabelZh, m.LabelEn, m.Unit, "/api/metrics/" + m.Key)).ToList();
            if (Csv.Requested(request))
            {
                return Task.FromResult(Csv.Result(MetricCatalogCsvHeader, items.Select(m => new object?[] { m.Key, m.LabelZh, m.LabelEn, m.Unit }), "metrics"));
            }
            return Task.FromResult<IResult>(TypedResults.Ok(new ListDto<MetricDefinitionDto>(items, null)));
        });

    [Function(FunctionNames.RankMetric)]
    public Task<IResult> RankMetric(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = "metrics/{key}")] HttpRequest request, string key, CancellationToken cancellationToken) =>
        responder.AnswerAsync(request, async () =>
        {
            RejectUnknown(request, "year", "region", "order", "top", "continuation", "format");
            OutputFormat(request);
            var definition = MetricKey(key);
            var reportYear = Year(Query(request, "year")) ?? throw new ApiProblem.BadParameterException("year", "year is required: rankings compare one year's reports.");
            var regionName = Name(Query(request, "region"), "region");
            var descending = Descending(Query(request, "order"));
            var size = Top(Query(request, "top"), 50);
            var continuation = Query(request, "continuation");
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
        });

    [Function(FunctionNames.AgencyMetric)]
    public Task<IResult> AgencyMetric(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = "agencies/{agency}/metrics/{key}")] HttpRequest request, string agency, string key,
        CancellationToken cancellationToken) =>
        responder.AnswerAsync(request, async () =>
        {
            RejectUnknown(request, "format");
            OutputFormat(request);
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
        });

    private static void OutputFormat(HttpRequest request)
    {
        if (Query(request, "format") is { } format && !Csv.IsResponseFormat(format))
        {
            throw new ApiProblem.BadParameterException("format", $"format must be json or csv; got '{format}'.");
        }
    }
}
