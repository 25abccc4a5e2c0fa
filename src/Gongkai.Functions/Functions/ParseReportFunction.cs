using System.Diagnostics;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Gongkai.Functions.Hosting;
using Gongkai.Functions.Records;
using Gongkai.Functions.Telemetry;
using Gongkai.Harvest.Stores;
using Gongkai.Reports;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Gongkai.Functions.Functions;

/// <summary>
/// The blob trigger: reads one raw report blob, parses it and records the result. The worker (Event Grid-sourced in
/// Azure), the local host's blob scan and <c>gongkai reparse</c> all come through here.
/// </summary>
public sealed partial class ParseReportFunction(
    RecordStorage storage, ReportParser parser, ReportRecordWriter writer, ParseFailures failures, ParseTelemetry telemetry,
    FunctionCounters counters, TimeProvider time, ILogger<ParseReportFunction> functionLogger)
{
    /// <summary>
    /// Bound as a client, not as content: the worker downloads nothing, and the body reads the blob with its properties
    /// in one GET, every byte as stored (reports are often GB18030, which a string binding would garble).
    /// </summary>
    [Function(FunctionNames.ParseReport)]
    public Task<ParseOutcome> Run(
        [BlobTrigger(StorageNames.RawReportsContainer + "/{name}", Source = BlobTriggerSource.EventGrid, Connection = FunctionNames.StorageConnection)] BlobClient report,
        CancellationToken cancellationToken) =>
        counters.MeasureAsync(FunctionNames.ParseReport, () => RunAsync(report.Name, null, functionLogger, cancellationToken));

    /// <param name="blob">The blob's name in raw-reports.</param>
    /// <param name="content">The blob's bytes when the caller already has them exactly, with the ETag they belong to.</param>
    public async Task<ParseOutcome> RunAsync(string blob, (ReadOnlyMemory<byte> Bytes, string? ETag)? content, ILogger logger, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var startedAt = time.GetUtcNow();
        var container = await storage.ContainerAsync(StorageNames.RawReportsContainer, cancellationToken);
        var client = container.GetBlobClient(blob);
        ReportVersion? version = null;
        Activity? activity = null;
        try
        {
            ReadOnlyMemory<byte> bytes;
            var properties = content is null ? null : await PropertiesAsync(client, cancellationToken);
            if (content is { } given && properties is not null && given.ETag == properties.ETag.ToString())
            {
                version = ReportVersion.FromBlob(blob, properties);
                bytes = given.Bytes;
            }
            else
            {
                // One GET: the bytes and the properties (metadata, ETag) of the same version.
                BlobDownloadStreamingResult download;
                try
                {
                    download = await client.DownloadStreamingAsync(cancellationToken: cancellationToken);
                }
                catch (RequestFailedException e) when (e.Status == 404)
                {
                    // Raw blobs are never deleted by Gongkai; a trigger for a missing one has nothing to retry.
                    LogMissing(logger, blob);
                    return ParseOutcome.Missing(blob);
                }
                using (download)
                {
                    version = ReportVersion.FromBlob(blob, download.Details);
                    if (!IsParseable(version.ContentType))
                    {
                        LogNotParsed(logger, blob, version.ContentType);
                        telemetry.Skipped(blob);
                        return ParseOutcome.NotParsed(blob, version.ContentType);
                    }
                    using var buffer = new MemoryStream(checked((int)Math.Max(download.Details.ContentLength, 0)));
                    await download.Content.CopyToAsync(buffer, cancellationToken);
                    bytes = buffer.ToArray();
                }
            }
            if (!IsParseable(version.ContentType))
            {
                LogNotParsed(logger, blob, version.ContentType);
                telemetry.Skipped(blob);
                return ParseOutcome.NotParsed(blob, version.ContentType);
            }

            activity = telemetry.StartParse(blob, version.TraceParent, startedAt);
            var parsed = parser.Parse(version.ToSource(bytes));
            var reportId = await writer.WriteAsync(version, parsed, cancellationToken);
            await failures.ResolveAsync(blob, cancellationToken);
            telemetry.Parsed(blob, parsed, time.GetElapsedTime(started));
            activity?.SetTag("gongkai.report_id", reportId);
            activity?.SetTag("gongkai.agency", parsed.Agency);
            activity?.SetTag("gongkai.year", parsed.ReportYear);
            activity?.SetTag("gongkai.figures", parsed.Metrics.Count);
            activity?.SetTag("gongkai.problems", parsed.Problems.Count);
            return new ParseOutcome(blob, "parsed", reportId, parsed.Agency, parsed.ReportYear, parsed.Format, parsed.Metrics.Count, parsed.Problems.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            telemetry.Failed(blob, time.GetElapsedTime(started));
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            var attempt = await failures.RecordAttemptAsync(version ?? new ReportVersion { Blob = blob }, e, CancellationToken.None);
            if (attempt.GaveUp)
            {
                // Still thrown: failing this last attempt is what makes the host park the blob in its poison queue.
                LogGaveUp(logger, blob, attempt.Attempts, ParseFailures.HostPoisonQueue, attempt.Reason);
            }
            throw;
        }
        finally
        {
            activity?.Dispose();
        }
    }

    /// <summary>The blob's properties, or null when it is gone (then the download below reports it missing).</summary>
    private static async Task<BlobProperties?> PropertiesAsync(BlobClient client, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>HTML pages and plain text are parsed; binary attachments (PDF, DOC…) are archived as they are.</summary>
    public static bool IsParseable(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return true;
        }
        var media = contentType.Split(';', 2)[0].Trim();
        return media.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || media.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Blob {Blob} no longer exists; nothing to parse")]
    private static partial void LogMissing(ILogger logger, string blob);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error,
        Message = "Parsing {Blob} failed {Attempts} times; recorded as failed, the host moves it to {PoisonQueue}: {Reason}")]
    private static partial void LogGaveUp(ILogger logger, string blob, int attempts, string poisonQueue, string reason);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Blob {Blob} ({ContentType}) is archived but not parsed: not a page or text")]
    private static partial void LogNotParsed(ILogger logger, string blob, string? contentType);
}

/// <summary>What happened to one blob; the invocation's ReturnValue.</summary>
public sealed record ParseOutcome(string Blob, string Status, string? ReportId, string? Agency, int? Year, string? Format, int Figures, int Problems)
{
    public static ParseOutcome Missing(string blob) => new(blob, "missing", null, null, null, null, 0, 0);

    public static ParseOutcome NotParsed(string blob, string? contentType) => new(blob, "not-parsed", null, null, null, contentType, 0, 0);
}
