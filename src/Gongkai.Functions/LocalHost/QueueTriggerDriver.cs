using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Gongkai.Functions.Hosting;
using Gongkai.Functions.Records;
using Gongkai.Harvest.Stores;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gongkai.Functions.LocalHost;

/// <summary>
/// Polls the queue HarvestPortal's <c>[QueueTrigger]</c> names and calls the function as the host's queue trigger does: batches, messages kept invisible while they run,
/// a failed message retried after <c>visibilityTimeout</c>, and moved to <c>{queue}-poison</c> after
/// <c>maxDequeueCount</c> attempts.
/// </summary>
public sealed partial class QueueTriggerDriver(
    FunctionInvoker invoker, RecordStorage storage, IOptions<QueueTriggerOptions> queueOptions,
    IOptions<LocalHostOptions> localOptions, LocalTriggerStatus status, TimeProvider time, IHostApplicationLifetime lifetime,
    ILogger<QueueTriggerDriver> logger) : BackgroundService
{
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    private readonly DeclaredFunction _function = FunctionCatalog.Get(FunctionNames.HarvestPortal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await HostStarted.WaitAsync(lifetime, stoppingToken);
        var queueName = ((QueueTriggerAttribute)_function.Trigger).QueueName;
        var options = queueOptions.Value;
        var inFlight = new List<Task>();
        var delay = MinPollingInterval;
        try
        {
            var queue = await storage.QueueAsync(queueName, stoppingToken);
            var poison = await storage.QueueAsync(queueName + "-poison", stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                inFlight.RemoveAll(t => t.IsCompleted);
                if (inFlight.Count > options.NewBatchThreshold)
                {
                    await Task.WhenAny(inFlight);
                    continue;
                }
                QueueMessage[] messages;
                try
                {
                    messages = (await queue.ReceiveMessagesAsync(options.BatchSize, localOptions.Value.QueueLeaseTime, stoppingToken)).Value;
                }
                catch (Exception e) when (StorageFailure.Is(e) || e is HttpRequestException)
                {
                    LogPollFailed(logger, queueName, e.Message);
                    messages = [];
                }
                if (messages.Length == 0)
                {
                    if (inFlight.Count == 0)
                    {
                        status.QueueIdle();
                    }
                    await Task.Delay(delay, time, stoppingToken);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxPollingInterval.Ticks));
                    continue;
                }
                delay = MinPollingInterval;
                foreach (var message in messages)
                {
                    status.QueueStarted();
                    inFlight.Add(ProcessAsync(queue, poison, message, options, stoppingToken));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: unfinished messages become visible again when their lease runs out, and are retried then.
        }
        await Task.WhenAll(inFlight);
    }

    private async Task ProcessAsync(QueueClient queue, QueueClient poison, QueueMessage message, QueueTriggerOptions options, CancellationToken stoppingToken)
    {
        await Task.Yield();
        var receipt = new PopReceipt(message.PopReceipt);
        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewing = KeepInvisibleAsync(queue, message.MessageId, receipt, renewal.Token);
        try
        {
            // The SDK's QueueMessage is what the worker binds too, DequeueCount and all.
            object? returned = null;
            string? failure = null;
            try
            {
                returned = await invoker.InvokeAsync(_function, message, new Dictionary<string, object?>(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                failure = $"{e.GetType().Name}: {e.Message}";
            }
            await renewal.CancelAsync();
            await renewing;

            if (failure is null)
            {
                await queue.DeleteMessageAsync(message.MessageId, receipt.Value, stoppingToken);
                status.HarvestReturned(returned);
                status.MessageSucceeded();
            }
            else if (message.DequeueCount >= options.MaxDequeueCount)
            {
                await poison.SendMessageAsync(message.Body, cancellationToken: stoppingToken);
                await queue.DeleteMessageAsync(message.MessageId, receipt.Value, stoppingToken);
                status.MessagePoisoned();
                LogPoisoned(logger, message.MessageId, message.DequeueCount, failure);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, receipt.Value, visibilityTimeout: options.VisibilityTimeout, cancellationToken: stoppingToken);
                status.MessageFailed();
                LogRetry(logger, message.MessageId, message.DequeueCount, failure);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: hand the message back now rather than when its lease runs out (the attempt still counts).
            await TryReleaseAsync(queue, message.MessageId, receipt.Value);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            // Lost the message (its lease ran out): it reappears on the queue and is retried.
            LogAbandoned(logger, message.MessageId, e.Message);
        }
        finally
        {
            await renewal.CancelAsync();
            status.QueueFinished();
        }
    }

    private async Task TryReleaseAsync(QueueClient queue, string messageId, string popReceipt)
    {
        try
        {
            await queue.UpdateMessageAsync(messageId, popReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            LogAbandoned(logger, messageId, e.Message);
        }
    }

    private async Task KeepInvisibleAsync(QueueClient queue, string messageId, PopReceipt receipt, CancellationToken cancellationToken)
    {
        var lease = localOptions.Value.QueueLeaseTime;
        try
        {
            while (true)
            {
                await Task.Delay(lease / 2, time, cancellationToken);
                // Not cancelled mid-request: an update the service applied but whose new pop receipt we dropped would
                // leave the message undeletable and invisible for a whole lease after the invocation succeeded.
                receipt.Value = (await queue.UpdateMessageAsync(messageId, receipt.Value, visibilityTimeout: lease, cancellationToken: CancellationToken.None)).Value.PopReceipt;
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            LogAbandoned(logger, messageId, e.Message);
        }
    }

    /// <summary>Each visibility update returns a new pop receipt; the last one is needed to delete the message.</summary>
    private sealed class PopReceipt(string value)
    {
        private string _value = value;

        public string Value
        {
            get => Volatile.Read(ref _value);
            set => Volatile.Write(ref _value, value);
        }
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Polling queue {Queue} failed: {Reason}")]
    private static partial void LogPollFailed(ILogger logger, string queue, string reason);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Message {MessageId} failed on attempt {DequeueCount}, will retry: {Reason}")]
    private static partial void LogRetry(ILogger logger, string messageId, long dequeueCount, string reason);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Error, Message = "Message {MessageId} failed {DequeueCount} times and was moved to the poison queue: {Reason}")]
    private static partial void LogPoisoned(ILogger logger, string messageId, long dequeueCount, string reason);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "Message {MessageId} was abandoned and will reappear: {Reason}")]
    private static partial void LogAbandoned(ILogger logger, string messageId, string reason);
}
