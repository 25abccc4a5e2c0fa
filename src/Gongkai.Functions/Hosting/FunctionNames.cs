namespace Gongkai.Functions.Hosting;

/// <summary>The functions and their binding names, as declared in FunctionApp/&lt;FunctionName&gt;/function.json.</summary>
public static class FunctionNames
{
    public const string ScheduleHarvest = "ScheduleHarvest";
    public const string HarvestPortal = "HarvestPortal";
    public const string ParseReport = "ParseReport";
    public const string QueryApi = "QueryApi";

    /// <summary>The functions the host invokes with <c>POST /{FunctionName}</c> (QueryApi gets forwarded HTTP instead).</summary>
    public static IReadOnlyList<string> Invoked { get; } = [ScheduleHarvest, HarvestPortal, ParseReport];

    public const string TimerBinding = "timer";
    public const string QueueBinding = "request";
    public const string BlobBinding = "report";
}
