using Microsoft.Extensions.Logging;

namespace Gongkai.Harvest.Telemetry;

/// <summary>The harvest's log events. EventIds are stable (4000–4099): operators' queries rely on them.</summary>
internal static partial class HarvestLog
{
    [LoggerMessage(4001, LogLevel.Debug, "Fetched {Url} for {Portal}: {Status} in {DurationMs} ms ({Bytes} bytes, {Attempts} attempts)")]
    public static partial void Fetched(ILogger logger, string portal, string url, int? status, long durationMs, long bytes, int attempts);

    [LoggerMessage(4002, LogLevel.Warning, "Fetch of {Url} for {Portal} failed ({Failure}, status {Status}, {Attempts} attempts, {DurationMs} ms): {Error}")]
    public static partial void FetchFailed(ILogger logger, string portal, string url, string failure, int? status, int attempts, long durationMs, string? error);

    [LoggerMessage(4003, LogLevel.Information, "robots.txt disallows {Url} for {Portal}")]
    public static partial void RobotsDisallowed(ILogger logger, string portal, string url);

    [LoggerMessage(4004, LogLevel.Information, "robots.txt of {Host} read: status {Status}, crawl delay {CrawlDelayMs} ms")]
    public static partial void RobotsRead(ILogger logger, string host, int? status, long crawlDelayMs);

    [LoggerMessage(4005, LogLevel.Debug, "Retrying {Url} for {Portal} in {DelayMs} ms (attempt {Attempt}, status {Status})")]
    public static partial void Retrying(ILogger logger, string portal, string url, long delayMs, int attempt, int? status);

    [LoggerMessage(4010, LogLevel.Information, "Harvest of {Portal} started (run {RunId})")]
    public static partial void RunStarted(ILogger logger, string portal, string runId);

    [LoggerMessage(4011, LogLevel.Information, "Harvest of {Portal} finished in {DurationMs} ms: {PagesListed} listing pages, {ReportsFound} reports, {New} new, {Changed} changed, {Unchanged} unchanged, {Failed} failed, {Bytes} bytes")]
    public static partial void RunFinished(ILogger logger, string portal, long durationMs, int pagesListed, int reportsFound, int @new, int changed, int unchanged, int failed, long bytes);

    [LoggerMessage(4012, LogLevel.Information, "Harvest of {Portal} skipped: another run holds its lease")]
    public static partial void RunSkipped(ILogger logger, string portal);

    [LoggerMessage(4013, LogLevel.Warning, "Harvest of {Portal} was cancelled after {DurationMs} ms")]
    public static partial void RunCancelled(ILogger logger, string portal, long durationMs);

    [LoggerMessage(4014, LogLevel.Information, "Listing {Url} of {Portal}: {Reports} report links, {Pages} further pages")]
    public static partial void ListingRead(ILogger logger, string portal, string url, int reports, int pages);

    [LoggerMessage(4015, LogLevel.Information, "Stored {Blob} for {Portal} from {Url} ({Outcome})")]
    public static partial void Stored(ILogger logger, string portal, string url, string blob, string outcome);

    [LoggerMessage(4016, LogLevel.Error, "{Stage} failure for {Portal} at {Url}: {Error}")]
    public static partial void StageFailed(ILogger logger, string portal, string stage, string url, string error);

    [LoggerMessage(4017, LogLevel.Warning, "Could not renew the harvest lease of {Portal}; stopping the run: {Error}")]
    public static partial void LeaseLost(ILogger logger, string portal, string error);

    [LoggerMessage(4018, LogLevel.Warning, "Could not record a failure row for {Portal} at {Url}: {Error}")]
    public static partial void FailureNotRecorded(ILogger logger, string portal, string url, string error);

    [LoggerMessage(4019, LogLevel.Information, "Report links on {Portal} point to hosts it does not allow, skipped: {Url}")]
    public static partial void OffHostLink(ILogger logger, string portal, string url);
}
