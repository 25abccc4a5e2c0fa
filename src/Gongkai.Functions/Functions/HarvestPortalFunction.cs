using Azure.Storage.Queues.Models;
using Gongkai.Functions.Hosting;
using Gongkai.Harvest;
using QueueMessage = Azure.Storage.Queues.Models.QueueMessage;
using Gongkai.Harvest.Stores;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Gongkai.Functions.Functions;

/// <summary>The queue trigger's body: crawls one portal. The harvester's per-portal lease keeps one run per portal at a time.</summary>
public sealed partial class HarvestPortalFunction(PortalHarvester harvester, FunctionCounters counters, ILogger<HarvestPortalFunction> logger)
{
    /// <summary>
    /// A malformed message throws <see cref="FormatException"/>: retrying cannot fix it, and failing every attempt is what
    /// moves it to <c>harvest-requests-poison</c>, where an operator sees it.
    /// </summary>
    [Function(FunctionNames.HarvestPortal)]
    public Task<HarvestSummary> Run(
        [QueueTrigger(StorageNames.HarvestRequestsQueue, Connection = FunctionNames.StorageConnection)] QueueMessage message, CancellationToken cancellationToken) =>
        counters.MeasureAsync(FunctionNames.HarvestPortal, () => HarvestAsync(HarvestRequest.Parse(message.Body.ToString()), message.DequeueCount, cancellationToken));

    public async Task<HarvestSummary> HarvestAsync(HarvestRequest request, long dequeueCount, CancellationToken cancellationToken)
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
