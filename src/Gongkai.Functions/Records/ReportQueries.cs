using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Gongkai.Harvest.Stores;
using Gongkai.Reports;

namespace Gongkai.Functions.Records;

/// <summary>The reads the API makes, each answered from the table and partition designed for it (docs/storage.md).</summary>
public sealed class ReportQueries(RecordStorage storage)
{
    public async Task<ReportRecord?> GetReportAsync(string id, CancellationToken cancellationToken)
    {
        var reports = await storage.TableAsync(StorageNames.ReportsTable, cancellationToken);
        var entity = await reports.FindAsync(id, ReportRecord.RowKeyFor(id), null, cancellationToken);
        return entity is null ? null : ReportRecord.FromEntity(entity);
    }

    /// <summary>
    /// Reports matching <paramref name="filter"/>: from the agency's partition when an agency is given, else the year's,
    /// else the Reports table itself; the remaining conditions are server-side filters on the summary columns. Every
    /// value from the request goes into the filter through <see cref="TableClient.CreateQueryFilter(FormattableString)"/>,
    /// which quotes and escapes it.
    /// </summary>
    public async Task<Page<ReportSummary>> ListReportsAsync(ReportFilter filter, int top, string? continuation, CancellationToken cancellationToken)
    {
        TableClient table;
        string? where;
        if (filter.Agency is { } agency)
        {
            table = await storage.TableAsync(StorageNames.ReportIndexTable, cancellationToken);
            where = TableClient.CreateQueryFilter($"PartitionKey eq {IndexKeys.AgencyPartition(agency)}");
            if (filter.Year is int year)
            {
                where = And(where, TableClient.CreateQueryFilter(
                    $"RowKey ge {IndexKeys.Year(year) + IndexKeys.Separator} and RowKey lt {IndexKeys.Year(year) + (char)(IndexKeys.Separator + 1)}"));
            }
        }
        else if (filter.Year is int year)
        {
            table = await storage.TableAsync(StorageNames.ReportIndexTable, cancellationToken);
            where = TableClient.CreateQueryFilter($"PartitionKey eq {IndexKeys.YearPartition(year)}");
        }
        else
        {
            table = await storage.TableAsync(StorageNames.ReportsTable, cancellationToken);
            where = null;
        }
        if (filter.Region is { } region)
        {
            where = And(where, RegionFilter(region));
        }
        if (filter.Format is { } format)
        {
            where = And(where, TableClient.CreateQueryFilter($"Format eq {format}"));
        }
        if (filter.HasProblems is bool hasProblems)
        {
            where = And(where, TableClient.CreateQueryFilter($"HasProblems eq {hasProblems}"));
        }
        if (filter.AgencyStated is bool agencyStated)
        {
            where = And(where, TableClient.CreateQueryFilter($"AgencyStated eq {agencyStated}"));
        }
        return await PageAsync(table, where, ReportSummary.Columns, top, continuation, ReportSummary.FromEntity, cancellationToken);
    }

    public async Task<Page<AgencyEntry>> ListAgenciesAsync(string? region, int top, string? continuation, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.ReportIndexTable, cancellationToken);
        var where = TableClient.CreateQueryFilter($"PartitionKey eq {IndexKeys.AgenciesPartition}");
        if (region is not null)
        {
            where = And(where, RegionFilter(region));
        }
        return await PageAsync(table, where, null, top, continuation, AgencyEntry.FromEntity, cancellationToken);
    }

    public async Task<AgencyEntry?> GetAgencyAsync(string agency, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.ReportIndexTable, cancellationToken);
        var entity = await table.FindAsync(IndexKeys.AgenciesPartition, IndexKeys.AgencyRow(agency), null, cancellationToken);
        return entity is null ? null : AgencyEntry.FromEntity(entity);
    }

    /// <summary>One metric across agencies for a year, highest first: a range scan of the year's ranking rows.</summary>
    public async Task<Page<MetricFigure>> RankAsync(string key, int year, string? region, int top, string? continuation, CancellationToken cancellationToken)
    {
        var table = RankingTable(year);
        var where = RankingFilter(key, year, region);
        try
        {
            return await PageAsync(table, where, IndexRows.MetricColumns, top, continuation, row => MetricFigure.FromRankingRow(row, key, year), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return new Page<MetricFigure>([], null); // No report of that year yet, so no table for it either.
        }
    }

    /// <summary>The lowest <paramref name="top"/> figures, lowest first. The index is kept in descending order only, so this reads the whole range.</summary>
    public async Task<IReadOnlyList<MetricFigure>> RankAscendingAsync(string key, int year, string? region, int top, CancellationToken cancellationToken)
    {
        var table = RankingTable(year);
        var where = RankingFilter(key, year, region);
        var last = new Queue<MetricFigure>(top + 1);
        try
        {
            await foreach (var entity in table.QueryAsync<TableEntity>(where, 1000, IndexRows.MetricColumns, cancellationToken))
            {
                last.Enqueue(MetricFigure.FromRankingRow(entity, key, year));
                if (last.Count > top)
                {
                    last.Dequeue();
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
        return [.. last.Reverse()];
    }

    /// <summary>One agency's figure for a metric, year by year: its reports' rows in the agency partition, which carry their figures.</summary>
    public async Task<IReadOnlyList<MetricFigure>> OverYearsAsync(string agency, string key, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.ReportIndexTable, cancellationToken);
        var where = TableClient.CreateQueryFilter($"PartitionKey eq {IndexKeys.AgencyPartition(agency)}");
        var unit = MetricCatalog.Find(key)?.Unit;
        var figures = new List<MetricFigure>();
        await foreach (var entity in table.QueryAsync<TableEntity>(where, 1000, OverYearsColumns, cancellationToken))
        {
            // A report whose year the parser could not tell is listed under its agency (year 0000) but has no place here.
            if (entity.GetInt32("Year") is not null && ReportRecord.ReadMetrics(entity).TryGetValue(key, out var value))
            {
                figures.Add(new MetricFigure(key, value, unit, entity.GetString("ReportId") ?? "", entity.GetString("Agency"),
                    entity.GetString("Province"), entity.GetString("City"), entity.GetString("County"), entity.GetInt32("Year")));
            }
        }
        return figures;
    }

    private static readonly string[] OverYearsColumns = ["ReportId", "Agency", "Province", "City", "County", "Year", IndexRows.MetricsColumn];

    /// <summary>Read without creating it: a query for a year nobody has reported must not leave an empty table behind.</summary>
    private TableClient RankingTable(int year) => storage.Tables.GetTableClient(StorageNames.MetricIndexTable(year));

    private static string RankingFilter(string key, int year, string? region)
    {
        var (from, to) = IndexKeys.KeyRange(key);
        var where = TableClient.CreateQueryFilter($"PartitionKey eq {IndexKeys.YearPartition(year)} and RowKey ge {from} and RowKey lt {to}");
        return region is null ? where : And(where, RegionFilter(region));
    }

    private static string RegionFilter(string region) =>
        TableClient.CreateQueryFilter($"Province eq {region} or City eq {region} or County eq {region}");

    private static string And(string? left, string right) => left is null ? right : $"({left}) and ({right})";

    /// <summary>
    /// Fills one page of up to <paramref name="top"/> items; filtered queries can return short pages (even empty ones
    /// with a continuation), so it keeps reading. <paramref name="continuation"/> is the SDK's token of the page to start at.
    /// </summary>
    private static async Task<Page<T>> PageAsync<T>(TableClient table, string? where, IEnumerable<string>? select, int top, string? continuation,
        Func<TableEntity, T> map, CancellationToken cancellationToken)
    {
        var items = new List<T>(Math.Min(top, 1000));
        var next = continuation;
        do
        {
            var remaining = top - items.Count;
            await foreach (var page in table.QueryAsync<TableEntity>(where, remaining, select, cancellationToken).AsPages(next, remaining))
            {
                items.AddRange(page.Values.Select(map));
                next = page.ContinuationToken;
                break;
            }
        }
        while (items.Count < top && next is not null);
        return new Page<T>(items, next);
    }
}

public sealed record ReportFilter(string? Agency, string? Region, int? Year, string? Format, bool? HasProblems, bool? AgencyStated = null);

/// <summary>One page of an answer; <paramref name="Next"/> is the SDK's continuation token, null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>An agency in the agency list, with the report of each year it has one for.</summary>
public sealed record AgencyEntry(string Agency, string? Province, string? City, string? County, IReadOnlyDictionary<int, string> Reports)
{
    public static AgencyEntry FromEntity(TableEntity entity)
    {
        var reports = new SortedDictionary<int, string>();
        foreach (var (name, value) in entity)
        {
            if (name.Length == 5 && name[0] == 'Y' && int.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var year) && value is string id)
            {
                reports[year] = id;
            }
        }
        return new AgencyEntry(entity.GetString("Agency") ?? entity.RowKey, entity.GetString("Province"), entity.GetString("City"), entity.GetString("County"), reports);
    }
}

/// <summary>One figure of one report.</summary>
public sealed record MetricFigure(string Key, decimal Value, string? Unit, string ReportId, string? Agency, string? Province, string? City, string? County, int? Year)
{
    /// <summary>A row of <paramref name="year"/>'s ranking table in <paramref name="key"/>'s range (docs/storage.md).</summary>
    public static MetricFigure FromRankingRow(TableEntity entity, string key, int year) => new(
        key,
        decimal.Parse(entity.GetString("Value") ?? throw new InvalidDataException($"Ranking row {entity.RowKey} has no value."), NumberStyles.Number, CultureInfo.InvariantCulture),
        MetricCatalog.Find(key)?.Unit,
        entity.GetString("ReportId") ?? "",
        entity.GetString("Agency"),
        entity.GetString("Province"),
        entity.GetString("City"),
        entity.GetString("County"),
        year);
}
