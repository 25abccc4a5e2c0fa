using Gongkai.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NCrontab;

namespace Gongkai.Functions.LocalHost;

/// <summary>
/// Calls ScheduleHarvest on the NCRONTAB schedule its <c>[TimerTrigger]</c> names (UTC, as in Azure), and once at startup
/// with --run-now. Without the schedule setting it uses the nightly default, so a bare <c>gongkai serve</c> runs.
/// </summary>
public sealed partial class TimerTriggerDriver(
    FunctionInvoker invoker, IConfiguration configuration, IOptions<LocalHostOptions> options, LocalTriggerStatus status,
    TimeProvider time, IHostApplicationLifetime lifetime, ILogger<TimerTriggerDriver> logger) : BackgroundService
{
    public const string DefaultHarvestSchedule = "0 0 18 * * *";

    private readonly DeclaredFunction _function = FunctionCatalog.Get(FunctionNames.ScheduleHarvest);
    private CrontabSchedule? _schedule;

    public static CrontabSchedule ParseSchedule(string expression)
    {
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = fields == 6 })
            ?? throw new OptionsValidationException("HarvestSchedule", typeof(string),
                [$"HarvestSchedule '{expression}' is not an NCRONTAB expression ({{second}} {{minute}} {{hour}} {{day}} {{month}} {{day-of-week}})."]);
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Parsed here so that a bad schedule stops startup with a clear message rather than failing later.
        var schedule = ((TimerTriggerAttribute)_function.Trigger).Schedule;
        _schedule = ParseSchedule(FunctionCatalog.Resolve(schedule, configuration, new Dictionary<string, string> { [FunctionNames.HarvestScheduleSetting] = DefaultHarvestSchedule }));
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await HostStarted.WaitAsync(lifetime, stoppingToken);
        var schedule = _schedule!;
        DateTimeOffset? last = null;
        if (options.Value.RunNow)
        {
            last = await FireAsync(schedule, last, isPastDue: false, stoppingToken);
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = new DateTimeOffset(schedule.GetNextOccurrence(now.UtcDateTime), TimeSpan.Zero);
            LogNext(logger, next);
            try
            {
                // Task.Delay caps at ~49 days; yearly schedules wait in steps.
                while (time.GetUtcNow() < next)
                {
                    var remaining = next - time.GetUtcNow();
                    await Task.Delay(remaining > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : remaining, time, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            last = await FireAsync(schedule, last, isPastDue: time.GetUtcNow() - next > TimeSpan.FromMinutes(1), stoppingToken);
        }
    }

    private async Task<DateTimeOffset> FireAsync(CrontabSchedule schedule, DateTimeOffset? last, bool isPastDue, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var timer = new TimerInfo
        {
            IsPastDue = isPastDue,
            ScheduleStatus = new ScheduleStatus
            {
                Last = (last ?? DateTimeOffset.MinValue).UtcDateTime,
                Next = schedule.GetNextOccurrence(now.UtcDateTime),
                LastUpdated = now.UtcDateTime,
            },
        };
        try
        {
            await invoker.InvokeAsync(_function, timer, new Dictionary<string, object?>(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The host does not retry timer invocations either; the next occurrence is the retry.
            LogFailed(logger, e.Message);
        }
        status.TimerRan();
        return now;
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Next harvest at {Next:O}")]
    private static partial void LogNext(ILogger logger, DateTimeOffset next);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "ScheduleHarvest failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
