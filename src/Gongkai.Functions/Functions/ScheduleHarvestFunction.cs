using Gongkai.Functions.Hosting;
using Gongkai.Functions.Records;
using Gongkai.Harvest;
using Gongkai.Harvest.Stores;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Gongkai.Functions.Functions;

/// <summary>The nightly timer's body: one harvest-requests message per portal that is due, so the crawl fans out across instances.</summary>
public sealed partial class ScheduleHarvestFunction(
    PortalScheduler scheduler, RecordStorage storage, FunctionCounters counters, TimeProvider time, ILogger<ScheduleHarvestFunction> logger)
{
    [Function(FunctionNames.ScheduleHarvest)]
    public Task<ScheduleOutcome> Run(
        [TimerTrigger("%" + FunctionNames.HarvestScheduleSetting + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        counters.MeasureAsync(FunctionNames.ScheduleHarvest, () => ScheduleAsync(timer.IsPastDue, Guid.NewGuid().ToString("N"), cancellationToken));

    /// <param name="scheduleRun">An id for this run, carried by every message it sends so their harvests can be told apart.</param>
    public async Task<ScheduleOutcome> ScheduleAsync(bool isPastDue, string scheduleRun, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await scheduler.GetDuePortalsAsync(now, cancellationToken);
        var queue = await storage.QueueAsync(StorageNames.HarvestRequestsQueue, cancellationToken);
        foreach (var portalId in due)
        {
            await queue.SendMessageAsync(new HarvestRequest(portalId, now, scheduleRun).ToMessage(), cancellationToken: cancellationToken);
        }
        LogScheduled(logger, due.Count, isPastDue, scheduleRun);
        return new ScheduleOutcome(due.Count, [.. due]);
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Scheduled {PortalCount} portal harvests (past due: {IsPastDue}, run {ScheduleRun})")]
    private static partial void LogScheduled(ILogger logger, int portalCount, bool isPastDue, string scheduleRun);
}

public sealed record ScheduleOutcome(int Enqueued, IReadOnlyList<string> Portals);
