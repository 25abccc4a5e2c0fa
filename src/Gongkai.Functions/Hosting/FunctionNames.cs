namespace Gongkai.Functions.Hosting;

/// <summary>
/// The functions' names as Azure knows them (<c>[Function]</c>): dashboards, KQL and alerts filter on these, so they
/// stay stable. The storage connection is the host's own setting, identity-based in Azure.
/// </summary>
public static class FunctionNames
{
    public const string ScheduleHarvest = "ScheduleHarvest";
    public const string HarvestPortal = "HarvestPortal";
    public const string ParseReport = "ParseReport";

    public const string ListReports = "ListReports";
    public const string GetReport = "GetReport";
    public const string ListAgencies = "ListAgencies";
    public const string ListMetrics = "ListMetrics";
    public const string RankMetric = "RankMetric";
    public const string AgencyMetric = "AgencyMetric";
    public const string Health = "Health";
    public const string OpenApiDocument = "OpenApiDocument";
    public const string ApiFallback = "ApiFallback";
    public const string WebPage = "WebPage";

    /// <summary>The connection every storage trigger uses: <c>AzureWebJobsStorage</c> (or its <c>__serviceUri</c> family).</summary>
    public const string StorageConnection = "AzureWebJobsStorage";

    /// <summary>The app setting holding the harvest timer's NCRONTAB schedule.</summary>
    public const string HarvestScheduleSetting = "HarvestSchedule";
}
