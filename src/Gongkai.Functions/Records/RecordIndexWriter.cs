using Azure;
using Azure.Data.Tables;
using Gongkai.Harvest.Stores;

namespace Gongkai.Functions.Records;

/// <summary>
/// Moves a report's index rows (ReportIndex, its year's MetricIndex table, its year in the agency list) from one record
/// to the next: writes the rows that change, deletes the rows no longer produced, batched per partition.
/// </summary>
public sealed class RecordIndexWriter(RecordStorage storage)
{
    private const int MaxAgencyRowAttempts = 20;

    /// <param name="previous">The committed record whose rows are in the tables (null for a new report).</param>
    /// <param name="next">The record about to be committed (null when the report goes).</param>
    /// <param name="attempted">Records this writer wrote rows for and then failed to commit: their rows may be in the
    /// tables too, so nothing is skipped as unchanged and their leftovers are deleted.</param>
    public async Task ReplaceAsync(ReportRecord? previous, ReportRecord? next, IReadOnlyList<ReportRecord> attempted, CancellationToken cancellationToken)
    {
        var reportIndex = await storage.TableAsync(StorageNames.ReportIndexTable, cancellationToken);
        // Only rows of the committed record, in the current layout, are known to be in the tables as computed.
        var sure = attempted.Count == 0 && previous is not { IndexLayout: < ReportRecord.CurrentIndexLayout };

        var writes = new List<Task>
        {
            ReplaceRowsAsync(reportIndex, Rows(previous, attempted, IndexRows.ReportIndex), next is null ? [] : IndexRows.ReportIndex(next), sure, cancellationToken),
        };
        // Ranking rows live in their year's table; a report whose year changed leaves one table for another.
        foreach (var year in attempted.Append(previous).Append(next).Select(r => r?.Summary.Year).OfType<int>().Distinct())
        {
            IEnumerable<TableEntity> InYear(ReportRecord record) => record.Summary.Year == year ? IndexRows.MetricIndex(record) : [];
            writes.Add(RankingRowsAsync(year, Rows(previous, attempted, InYear), next is null ? [] : InYear(next), sure, cancellationToken));
        }
        await Task.WhenAll(writes);

        var nextAgency = next is null ? null : IndexRows.AgencyListRow(next);
        var previousAgency = previous is null ? null : IndexRows.AgencyListRow(previous);
        foreach (var gone in attempted.Append(previous).OfType<ReportRecord>())
        {
            if (IndexRows.AgencyListRow(gone) is { } row && IndexRows.AgencyListYear(gone) is { } year
                && !(nextAgency is not null && nextAgency.RowKey == row.RowKey && IndexRows.AgencyListYear(next!) == year))
            {
                await RemoveYearAsync(reportIndex, row.RowKey, year, gone.Id, cancellationToken);
            }
        }
        if (nextAgency is not null && !(sure && previousAgency is not null && TableRows.SameColumns(previousAgency, nextAgency)))
        {
            await reportIndex.UpsertEntityAsync(nextAgency, TableUpdateMode.Merge, cancellationToken);
        }
    }

    private async Task RankingRowsAsync(int year, IEnumerable<TableEntity> previousRows, IEnumerable<TableEntity> nextRows, bool skipUnchanged, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.MetricIndexTable(year), cancellationToken);
        await ReplaceRowsAsync(table, previousRows, nextRows, skipUnchanged, cancellationToken);
    }

    private static IEnumerable<TableEntity> Rows(ReportRecord? previous, IReadOnlyList<ReportRecord> attempted, Func<ReportRecord, IEnumerable<TableEntity>> rows) =>
        attempted.Append(previous).OfType<ReportRecord>().SelectMany(rows);

    private static Task ReplaceRowsAsync(TableClient table, IEnumerable<TableEntity> previousRows, IEnumerable<TableEntity> nextRows, bool skipUnchanged, CancellationToken cancellationToken)
    {
        var previous = new Dictionary<(string, string), TableEntity>();
        foreach (var row in previousRows)
        {
            previous[(row.PartitionKey, row.RowKey)] = row;
        }
        var inserts = new List<TableEntity>();
        var upserts = new List<TableEntity>();
        var kept = new HashSet<(string, string)>();
        foreach (var row in nextRows)
        {
            var key = (row.PartitionKey, row.RowKey);
            kept.Add(key);
            if (!previous.TryGetValue(key, out var old))
            {
                // Not a row of the committed record: new, unless a write that never committed left it (then it is upserted).
                (skipUnchanged ? inserts : upserts).Add(row);
            }
            else if (!(skipUnchanged && TableRows.SameColumns(old, row)))
            {
                upserts.Add(row);
            }
        }
        var stale = previous.Keys.Where(k => !kept.Contains(k));
        return TableBatches.WriteAsync(table, inserts, upserts, stale, cancellationToken);
    }

    /// <summary>
    /// Takes a year off an agency's row when the report that filled it is gone or moved (a merge cannot remove a
    /// column, so this is a conditional replace); the row goes with its last year.
    /// </summary>
    private static async Task RemoveYearAsync(TableClient table, string agencyRow, string yearColumn, string reportId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var row = await table.FindAsync(IndexKeys.AgenciesPartition, agencyRow, null, cancellationToken);
            if (row is null || row.GetString(yearColumn) != reportId)
            {
                return;
            }
            row.Remove(yearColumn);
            try
            {
                if (row.Keys.Any(IndexRows.IsYearColumn))
                {
                    await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    // A 404 is not thrown: the row is gone, which is the goal.
                    await table.DeleteEntityAsync(IndexKeys.AgenciesPartition, agencyRow, row.ETag, cancellationToken);
                }
                return;
            }
            catch (RequestFailedException e) when (e.Status is 412 or 404 && attempt < MaxAgencyRowAttempts)
            {
                // Another report of this agency merged its year in meanwhile: read the row again.
            }
        }
    }
}
