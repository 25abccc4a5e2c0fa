using Azure;
using Azure.Data.Tables;
using Gongkai.Harvest.Stores;
using Gongkai.Reports;
using Microsoft.Extensions.Logging;

namespace Gongkai.Functions.Records;

/// <summary>
/// Stores one parse: the full JSON in parsed-reports, then the report record and the index rows of whichever version
/// is current. Idempotent: the same blob parsed twice writes identical rows (and skips the writes that would change
/// nothing); a newer fetch of the same agency and year supersedes the older one, which stays listed (and its JSON kept)
/// as a version.
/// </summary>
/// <remarks>
/// Writers of one report do not lock each other out: each reads the <c>Reports</c> row, writes the index rows its
/// decision implies, and commits the row conditionally on the ETag it read. A writer whose commit loses the race reads
/// again and rewrites the index for the record that won, so the last committer's index rows are the ones left
/// (docs/storage.md, <i>Writes</i>). That costs nothing when writers do not collide, which is nearly always.
/// </remarks>
public sealed partial class ReportRecordWriter(RecordStorage storage, ParsedReportStore parsedReports, RecordIndexWriter index, RecordGeneration generation, ILogger<ReportRecordWriter> logger)
{
    private const int MaxAttempts = 20;

    /// <returns>The report id the parse was recorded under.</returns>
    public async Task<string> WriteAsync(ReportVersion version, ParsedReport parsed, CancellationToken cancellationToken)
    {
        var id = ReportIds.For(parsed, version);
        version = version with { ParsedBlob = ParsedReportStore.NameFor(version.Blob), ParserVersion = parsed.ParserVersion };

        var json = ReportJson.Serialize(parsed);
        await parsedReports.WriteAsync(version.Blob, id, parsed, json, cancellationToken);

        var candidate = ReportRecord.Create(id, parsed, json, version, [version]);
        await CommitAsync(id, existing => Merge(existing, candidate), cancellationToken);
        await RecordBlobAsync(version, id, parsed.ParserVersion, cancellationToken);

        LogRecorded(logger, version.Blob, id, parsed.Agency, parsed.ReportYear, parsed.ParserVersion, parsed.Metrics.Count, parsed.Problems.Count);
        return id;
    }

    /// <summary>Takes a blob version out of a report; the next newest version becomes current, or the report goes.</summary>
    public async Task RemoveVersionAsync(string reportId, string blob, CancellationToken cancellationToken)
    {
        ReportRecord? promoted = null;
        await CommitAsync(reportId, existing =>
        {
            if (existing is null)
            {
                return Decision.Keep;
            }
            var remaining = existing.Versions.Where(v => v.Blob != blob).ToList();
            if (remaining.Count == existing.Versions.Count)
            {
                return Decision.Keep;
            }
            if (remaining.Count == 0)
            {
                return Decision.Delete;
            }
            if (existing.Current.Blob != blob)
            {
                return Decision.Write(existing with { Versions = remaining });
            }
            // The current version goes: the newest of the rest takes over, rebuilt from its parsed JSON (read once).
            var newest = remaining[^1];
            if (promoted is null || promoted.Current.Blob != newest.Blob)
            {
                return Decision.NeedsParse(newest);
            }
            return Decision.Write(promoted with { Versions = remaining });
        }, cancellationToken, async newest =>
        {
            var json = newest.ParsedBlob is { } parsedBlob ? await parsedReports.ReadJsonAsync(parsedBlob, cancellationToken) : null;
            var parsed = (json is null ? null : ReportJson.Deserialize(json))
                ?? throw new InvalidDataException($"The parse of {newest.Blob} is missing from parsed-reports; reparse it.");
            promoted = ReportRecord.Create(reportId, parsed, json!, newest, [newest]);
        });
    }

    private static Decision Merge(ReportRecord? existing, ReportRecord candidate)
    {
        var version = candidate.Current;
        var versions = ReportRecord.Normalize((existing?.Versions ?? []).Append(version));
        // The newest fetch (or a re-read of it by a newer parser) becomes current; an older fetch is only listed.
        return existing is null || versions[^1].Blob == version.Blob
            ? Decision.Write(candidate with { Versions = versions })
            : Decision.Write(existing with { Versions = versions });
    }

    /// <summary>
    /// Read, decide, write the index, commit conditionally; on a lost race, again from the read. Index rows written by a
    /// lost attempt are rewritten or deleted by the next one, so they never outlive it.
    /// </summary>
    private async Task CommitAsync(string reportId, Func<ReportRecord?, Decision> decide, CancellationToken cancellationToken, Func<ReportVersion, Task>? load = null)
    {
        var reports = await storage.TableAsync(StorageNames.ReportsTable, cancellationToken);
        var attempted = new List<ReportRecord>();
        for (var attempt = 1; ; attempt++)
        {
            var entity = await reports.FindAsync(reportId, ReportRecord.RowKeyFor(reportId), null, cancellationToken);
            var existing = entity is null ? null : ReportRecord.FromEntity(entity);
            var decision = decide(existing);
            if (decision.Parse is { } toParse)
            {
                await load!(toParse);
                decision = decide(existing);
            }
            if (decision.Kind == DecisionKind.Keep)
            {
                return;
            }
            var next = decision.Kind == DecisionKind.Delete ? null : decision.Record;
            var row = next?.ToEntity();
            if (entity is not null && row is not null && attempted.Count == 0 && TableRows.SameColumns(entity, row))
            {
                return; // The same parse again: every row already says this.
            }

            await index.ReplaceAsync(existing, next, attempted, cancellationToken);
            try
            {
                if (row is null)
                {
                    // If-Match: a 412 means another writer committed since the read (a 404, not thrown, that the row is gone).
                    await reports.DeleteEntityAsync(reportId, ReportRecord.RowKeyFor(reportId), entity!.ETag, cancellationToken);
                }
                else if (entity is null)
                {
                    await reports.AddEntityAsync(row, cancellationToken);
                }
                else
                {
                    await reports.UpdateEntityAsync(row, entity.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                generation.Advance();
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 or 404 && attempt < MaxAttempts)
            {
                // Another writer committed since the read: what it wrote is the new starting point.
                LogLostRace(logger, reportId, attempt);
                if (next is not null)
                {
                    attempted.Add(next);
                }
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Which report the blob became. Inserted on a blob's first parse (one request); on a later parse the old row says
    /// whether a new parser moved the blob to another report, which then loses it as a version.
    /// </summary>
    private async Task RecordBlobAsync(ReportVersion version, string id, string parserVersion, CancellationToken cancellationToken)
    {
        var blobs = await storage.TableAsync(StorageNames.ReportBlobsTable, cancellationToken);
        var row = new TableEntity(TableKey.Encode(version.Blob), "")
        {
            ["Blob"] = version.Blob,
            ["ReportId"] = id,
            ["ParsedBlob"] = version.ParsedBlob,
            ["ParserVersion"] = parserVersion,
            ["ETag"] = version.ETag,
            ["PortalId"] = version.PortalId,
        };
        try
        {
            await blobs.AddEntityAsync(row, cancellationToken);
            return;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Parsed before: compare below.
        }
        var previous = await blobs.FindAsync(row.PartitionKey, row.RowKey, null, cancellationToken);
        if (previous?.GetString("ReportId") is { } previousId && previousId != id)
        {
            await RemoveVersionAsync(previousId, version.Blob, cancellationToken);
        }
        if (previous is null || !TableRows.SameColumns(previous, row))
        {
            await blobs.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        }
    }

    private enum DecisionKind
    {
        Keep,
        Write,
        Delete,
    }

    private sealed record Decision(DecisionKind Kind, ReportRecord? Record, ReportVersion? Parse)
    {
        public static readonly Decision Keep = new(DecisionKind.Keep, null, null);
        public static readonly Decision Delete = new(DecisionKind.Delete, null, null);

        public static Decision Write(ReportRecord record) => new(DecisionKind.Write, record, null);

        public static Decision NeedsParse(ReportVersion version) => new(DecisionKind.Write, null, version);
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Recorded {Blob} as report {ReportId} ({Agency}, {Year}) with parser {ParserVersion}: {MetricCount} figures, {ProblemCount} problems")]
    private static partial void LogRecorded(ILogger logger, string blob, string reportId, string? agency, int? year, string parserVersion, int metricCount, int problemCount);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "Report {ReportId} changed under attempt {Attempt}; reading it again")]
    private static partial void LogLostRace(ILogger logger, string reportId, int attempt);
}
