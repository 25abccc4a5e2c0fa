using Gongkai.Functions.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Gongkai.Functions.Api;

/// <summary>What the OpenAPI document says about each HTTP function beyond its route: summary, query parameters, answers.</summary>
public static class ApiDescriptions
{
    public static void Describe(string function, RouteHandlerBuilder route)
    {
        route.WithTags("Gongkai");
        switch (function)
        {
            case FunctionNames.ListReports:
                route.WithSummary("Reports, filtered by agency, region, year, report format and whether the parser found problems; paged.")
                    .Query("agency", "region", "year", "format", "hasProblems", "agencyStated", "top", "continuation")
                    .Answers<ListDto<ReportSummaryDto>>(ReportSummaryDto.CsvHeader, paged: true);
                break;
            case FunctionNames.GetReport:
                route.WithSummary("One report: its record, sections, every figure with provenance, the source link and its blob versions. CSV gives the figures.")
                    .Query("format")
                    .Answers<ReportDto>(MetricDto.CsvHeader, notFound: true);
                break;
            case FunctionNames.ListAgencies:
                route.WithSummary("Agencies with reports, and the report of each year; authorNotStated links the reports that name no author.")
                    .Query("region", "top", "continuation", "format")
                    .Answers<AgencyListDto>(QueryApiFunctions.AgencyCsvHeader, paged: true);
                break;
            case FunctionNames.ListMetrics:
                route.WithSummary("The catalogue of metric keys with Chinese and English labels and units.")
                    .Query("format")
                    .Answers<ListDto<MetricDefinitionDto>>(QueryApiFunctions.MetricCatalogCsvHeader);
                break;
            case FunctionNames.RankMetric:
                route.WithSummary("One figure across agencies for a year, ranked (desc by default).")
                    .Query("year", "region", "order", "top", "continuation", "format")
                    .Answers<RankingDto>(QueryApiFunctions.RankingCsvHeader, paged: true, notFound: true);
                break;
            case FunctionNames.AgencyMetric:
                route.WithSummary("One agency's figure for a metric over the years.")
                    .Query("format")
                    .Answers<AgencyMetricDto>(QueryApiFunctions.AgencyMetricCsvHeader, notFound: true);
                break;
            case FunctionNames.Health:
                route.WithSummary("Liveness, storage reachability and counters for operators.")
                    .Produces<HealthDto>(StatusCodes.Status200OK, "application/json")
                    .Produces<HealthDto>(StatusCodes.Status503ServiceUnavailable, "application/json")
                    .ProducesProblem(StatusCodes.Status400BadRequest);
                break;
            default:
                // The document itself and the catch-all answer no query of their own.
                route.ExcludeFromDescription();
                break;
        }
    }
}
