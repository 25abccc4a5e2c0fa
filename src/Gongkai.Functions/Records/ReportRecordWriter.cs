using Gongkai.Reports;
using Gongkai.Storage;
using Microsoft.Extensions.Logging;

namespace Gongkai.Functions.Records;

/// <summary>
/// Stores one parse: the full JSON in parsed-reports, then — under the report's lock — the report record and the
/// index rows of whichever version is current. Idempotent: the same blob parsed twice writes identical rows; a newer
/// fetch of the same agency and year supersedes the older one, which stays listed (and its JSON kept) as a version.
/// </summary>
public sealed partial class ReportRecordWriter(RecordStorage storage, ParsedReportStore parsedReports, ReportLocks locks, ILogger<ReportRecordWriter> logger)
{
    /// <returns>The report id the parse was recorded under.</returns>
    public async Task<string> WriteAsync(ReportVersion version, ParsedReport parsed, CancellationToken cancellationToken)
    {
        var id = ReportIds.For(parsed, version);
        version = version with { ParsedBlob = ParsedReportStore.NameFor(version.Blob), ParserVersion = parsed.ParserVersion };

        await parsedReports.WriteAsync(version.Blob, id, parsed, cancellationToken);

        var blobs = await storage.TableAsync(StorageNames.ReportBlobsTable, cancellationToken);
        var previous = await blobs.GetEntityAsync(TableKey.Encode(version.Blob), "", ["ReportId"], cancellationToken);

        var candidate = ReportRecord.Create(id, parsed, version, [version]);
        await using (await locks.AcquireAsync(id, cancellationToken))
        {
            await MergeAsync(candidate, cancellationToken);
        }

        if (previous?.GetString("ReportId") is { } previousId && previousId != id)
        {
            // A new parser read a different agency or year from this blob: it no longer belongs to its old report.
            await RemoveVersionAsync(previousId, version.Blob, cancellationToken);
        }

        await blobs.UpsertEntityAsync(new TableEntity(TableKey.Encode(version.Blob), "")
        {
            ["Blob"] = version.Blob,
            ["ReportId"] = id,
            ["ParsedBlob"] = version.ParsedBlob,
            ["ParserVersion"] = parsed.ParserVersion,
            ["ETag"] = version.ETag,
            ["PortalId"] = version.PortalId,
        }, TableUpdateMode.Replace, cancellationToken);

        LogRecorded(logger, version.Blob, id, parsed.Agency, parsed.ReportYear, parsed.ParserVersion, parsed.Metrics.Count, parsed.Problems.Count);
        return id;
    }

    /// <summary>Takes a blob version out of a report; the next newest version becomes current, or the report goes.</summary>
    public async Task RemoveVersionAsync(string reportId, string blob, CancellationToken cancellationToken)
    {
        await using var _ = await locks.AcquireAsync(reportId, cancellationToken);
        var reports = await storage.TableAsync(StorageNames.ReportsTable, cancellationToken);
        var entity = await reports.GetEntityAsync(reportId, ReportRecord.RowKey, null, cancellationToken);
        if (entity is null)
        {
            return;
        }
        var record = ReportRecord.FromEntity(entity);
        var remaining = record.Versions.Where(v => v.Blob != blob).ToList();
        if (remaining.Count == record.Versions.Count)
        {
            return;
        }
        if (remaining.Count == 0)
        {
            await ReplaceIndexAsync(record, null, cancellationToken);
            await reports.DeleteEntityAsync(reportId, ReportRecord.RowKey, entity.ETag ?? "*", cancellationToken);
            return;
        }
        ReportRecord next;
        if (record.Current.Blob != blob)
        {
            next = record with { Versions = remaining };
        }
        else
        {
            var newest = remaining[^1];
            var parsed = (newest.ParsedBlob is { } parsedBlob ? await parsedReports.ReadAsync(parsedBlob, cancellationToken) : null)
                ?? throw new InvalidDataException($"The parse of {newest.Blob} is missing from parsed-reports; reparse it.");
            next = ReportRecord.Create(reportId, parsed, newest, remaining);
            await ReplaceIndexAsync(record, next, cancellationToken);
        }
        await reports.UpdateEntityAsync(next.ToEntity(), entity.ETag ?? "*", TableUpdateMode.Replace, cancellationToken);
    }

    private async Task MergeAsync(ReportRecord candidate, CancellationToken cancellationToken)
    {
        var reports = await storage.TableAsync(StorageNames.ReportsTable, cancellationToken);
        var entity = await reports.GetEntityAsync(candidate.Id, ReportRecord.RowKey, null, cancellationToken);
        var existing = entity is null ? null : ReportRecord.FromEntity(entity);

        var version = candidate.Current;
        var versions = ReportRecord.Normalize((existing?.Versions ?? []).Append(version));
        var newest = versions[^1];

        ReportRecord next;
        if (existing is null || newest.Blob == version.Blob)
        {
            // This parse is of the newest fetch (or re-reads it with a newer parser): it becomes current.
            next = candidate with { Versions = versions };
            await ReplaceIndexAsync(existing, next, cancellationToken);
        }
        else
        {
            // An older fetch: listed as a version, while the index keeps showing the newer one.
            next = existing with { Versions = versions };
        }

        var row = next.ToEntity();
        if (entity is null)
        {
            await reports.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        }
        else
        {
            await reports.UpdateEntityAsync(row, entity.ETag ?? "*", TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>Writes <paramref name="next"/>'s index rows and deletes those of <paramref name="previous"/> it does not rewrite.</summary>
    private async Task ReplaceIndexAsync(ReportRecord? previous, ReportRecord? next, CancellationToken cancellationToken)
    {
        var reportIndex = await storage.TableAsync(StorageNames.ReportIndexTable, cancellationToken);
        var metricIndex = await storage.TableAsync(StorageNames.MetricIndexTable, cancellationToken);

        await ReplaceAsync(reportIndex, previous is null ? [] : IndexRows.ReportIndex(previous), next is null ? [] : IndexRows.ReportIndex(next), cancellationToken);
        await ReplaceAsync(metricIndex, previous is null ? [] : IndexRows.MetricIndex(previous), next is null ? [] : IndexRows.MetricIndex(next), cancellationToken);

        if (next is not null && IndexRows.AgencyListRow(next) is { } agencyRow)
        {
            await reportIndex.UpsertEntityAsync(agencyRow, TableUpdateMode.Merge, cancellationToken);
        }
    }

    private static Task ReplaceAsync(TableClient table, IEnumerable<TableEntity> previousRows, IEnumerable<TableEntity> nextRows, CancellationToken cancellationToken)
    {
        var next = nextRows.ToList();
        var kept = next.Select(r => (r.PartitionKey, r.RowKey)).ToHashSet();
        var stale = previousRows.Select(r => (r.PartitionKey, r.RowKey)).Where(k => !kept.Contains(k)).Distinct();
        return TableBatches.WriteAsync(table, next, stale, cancellationToken);
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Recorded {Blob} as report {ReportId} ({Agency}, {Year}) with parser {ParserVersion}: {MetricCount} figures, {ProblemCount} problems")]
    private static partial void LogRecorded(ILogger logger, string blob, string reportId, string? agency, int? year, string parserVersion, int metricCount, int problemCount);
}
