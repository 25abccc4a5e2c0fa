using Gongkai.Harvest;
using Microsoft.Extensions.Logging;

namespace Gongkai.Functions.Functions;

/// <summary>The queue trigger's body: crawls one portal. The harvester's per-portal lease keeps one run per portal at a time.</summary>
public sealed partial class HarvestPortalFunction(PortalHarvester harvester)
{
    public async Task<HarvestSummary> RunAsync(HarvestRequest request, long dequeueCount, ILogger logger, CancellationToken cancellationToken)
    {
        var summary = await harvester.HarvestAsync(request.PortalId, new HarvestRunOptions(), cancellationToken);
        if (summary.Skipped)
        {
            LogSkipped(logger, request.PortalId);
        }
        else
        {
            LogHarvested(logger, request.PortalId, summary.ReportsFound, summary.New, summary.Changed, summary.Failed, dequeueCount);
        }
        return summary;
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Portal {PortalId} is being harvested by another run; skipped")]
    private static partial void LogSkipped(ILogger logger, string portalId);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information,
        Message = "Harvested portal {PortalId}: {ReportsFound} reports found, {New} new, {Changed} changed, {Failed} failed (attempt {DequeueCount})")]
    private static partial void LogHarvested(ILogger logger, string portalId, int reportsFound, int @new, int changed, int failed, long dequeueCount);
}
