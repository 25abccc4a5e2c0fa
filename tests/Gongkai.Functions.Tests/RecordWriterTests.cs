using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Gongkai.Functions.Records;
using Gongkai.Functions.Tests.Infrastructure;
using Gongkai.Harvest.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Functions.Tests;

[Collection(PipelineCollection.Name)]
public sealed class RecordWriterTests(PipelineStorage storage)
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Writing_the_same_parse_twice_leaves_identical_rows()
    {
        await using var host = await RunningHost.StartAsync(storage);
        var writer = host.Services.GetRequiredService<ReportRecordWriter>();
        var agency = Unique("广州市荔湾区司法局");
        var report = SampleReports.Report(agency, 2051, new Dictionary<string, decimal> { ["requests.new_received"] = 12, ["requests.granted"] = 7 });
        var version = SampleReports.Version($"p/2051/{Guid.NewGuid():N}.html", Monday);

        var id = await writer.WriteAsync(version, report, CancellationToken.None);
        var first = await SnapshotAsync(id, agency, 2051);
        Assert.Equal(id, await writer.WriteAsync(version, report, CancellationToken.None));
        var second = await SnapshotAsync(id, agency, 2051);

        Assert.Equal(first, second);
        Assert.Contains(first, r => r.StartsWith("MetricIndex2051|y:2051|requests.new_received|", StringComparison.Ordinal));
        Assert.Equal(2 + 2 + 1, first.Count); // 2 ranking rows, 2 report index rows (the agency's carries the figures), the record
    }

    [Fact]
    public async Task A_newer_fetch_supersedes_the_older_and_both_versions_stay_listed()
    {
        await using var host = await RunningHost.StartAsync(storage);
        var writer = host.Services.GetRequiredService<ReportRecordWriter>();
        var queries = host.Services.GetRequiredService<ReportQueries>();
        var agency = Unique("清远市清新区人民政府办公室");
        var old = SampleReports.Version($"p/2052/{Guid.NewGuid():N}.html", Monday);
        var changed = SampleReports.Version($"p/2052/{Guid.NewGuid():N}.html", Monday.AddDays(30));

        // The newer fetch is parsed first (a reparse can run in any order): the older one must not take over.
        var id = await writer.WriteAsync(changed, SampleReports.Report(agency, 2052, new Dictionary<string, decimal> { ["requests.new_received"] = 20 }), CancellationToken.None);
        await writer.WriteAsync(old, SampleReports.Report(agency, 2052, new Dictionary<string, decimal> { ["requests.new_received"] = 19, ["requests.granted"] = 3 }), CancellationToken.None);

        var record = await queries.GetReportAsync(id, CancellationToken.None);
        Assert.NotNull(record);
        Assert.Equal(changed.Blob, record.Current.Blob);
        Assert.Equal([old.Blob, changed.Blob], record.Versions.Select(v => v.Blob));
        var figures = await queries.OverYearsAsync(agency, "requests.new_received", CancellationToken.None);
        Assert.Equal(20m, Assert.Single(figures).Value);
        Assert.Empty(await queries.OverYearsAsync(agency, "requests.granted", CancellationToken.None));
        var ranking = await queries.RankAsync("requests.new_received", 2052, null, 100, null, CancellationToken.None);
        Assert.Single(ranking.Items, f => f.ReportId == id);
    }

    [Fact]
    public async Task A_reparse_that_changes_the_figures_removes_the_stale_ranking_rows()
    {
        await using var host = await RunningHost.StartAsync(storage);
        var writer = host.Services.GetRequiredService<ReportRecordWriter>();
        var queries = host.Services.GetRequiredService<ReportQueries>();
        var agency = Unique("番禺区教育局");
        var version = SampleReports.Version($"p/2053/{Guid.NewGuid():N}.html", Monday);

        var id = await writer.WriteAsync(version, SampleReports.Report(agency, 2053, new Dictionary<string, decimal> { ["requests.new_received"] = 5 }), CancellationToken.None);
        await writer.WriteAsync(version, SampleReports.Report(agency, 2053, new Dictionary<string, decimal> { ["requests.new_received"] = 50 }), CancellationToken.None);

        var ranking = await queries.RankAsync("requests.new_received", 2053, null, 100, null, CancellationToken.None);
        Assert.Equal(50m, Assert.Single(ranking.Items, f => f.ReportId == id).Value);
    }

    [Fact]
    public async Task Index_rows_left_by_a_write_that_never_committed_are_overwritten()
    {
        await using var host = await RunningHost.StartAsync(storage);
        var writer = host.Services.GetRequiredService<ReportRecordWriter>();
        var queries = host.Services.GetRequiredService<ReportQueries>();
        var agency = Unique("白云区卫生健康局");
        var version = SampleReports.Version($"p/2055/{Guid.NewGuid():N}.html", Monday);
        var id = await writer.WriteAsync(version, SampleReports.Report(agency, 2055, new Dictionary<string, decimal> { ["requests.new_received"] = 8 }), CancellationToken.None);

        // A write that stopped after its index rows: the rows are there, the Reports row that owns them is not, so the
        // next write takes every row for new and inserts it, and the service says some exist.
        var reports = storage.Clients.Tables.GetTableClient(StorageNames.ReportsTable);
        Assert.Equal(204, (await reports.DeleteEntityAsync(id, ReportRecord.RowKeyFor(id))).Status);
        await writer.WriteAsync(version, SampleReports.Report(agency, 2055, new Dictionary<string, decimal> { ["requests.new_received"] = 8, ["requests.granted"] = 6 }), CancellationToken.None);

        Assert.NotNull(await queries.GetReportAsync(id, CancellationToken.None));
        Assert.Equal(8m, Assert.Single((await queries.RankAsync("requests.new_received", 2055, null, 100, null, CancellationToken.None)).Items, f => f.ReportId == id).Value);
        Assert.Equal(6m, Assert.Single((await queries.RankAsync("requests.granted", 2055, null, 100, null, CancellationToken.None)).Items, f => f.ReportId == id).Value);
        Assert.Equal(6m, Assert.Single(await queries.OverYearsAsync(agency, "requests.granted", CancellationToken.None)).Value);
    }

    [Fact]
    public async Task A_record_written_under_the_older_index_layout_gets_its_whole_index_on_the_next_write()
    {
        await using var host = await RunningHost.StartAsync(storage);
        var writer = host.Services.GetRequiredService<ReportRecordWriter>();
        var queries = host.Services.GetRequiredService<ReportQueries>();
        var agency = Unique("天河区人力资源和社会保障局");
        var report = SampleReports.Report(agency, 2056, new Dictionary<string, decimal> { ["requests.new_received"] = 31, ["requests.granted"] = 17 });
        var version = SampleReports.Version($"p/2056/{Guid.NewGuid():N}.html", Monday);
        var id = await writer.WriteAsync(version, report, CancellationToken.None);

        // What a store from before layout 2 holds: the Reports row without the column, no ranking rows in the year's
        // table, and an agency row without the figures.
        var reports = storage.Clients.Tables.GetTableClient(StorageNames.ReportsTable);
        TableEntity row = await reports.GetEntityAsync<TableEntity>(id, ReportRecord.RowKeyFor(id));
        row.Remove("IndexLayout");
        await reports.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        var ranking = storage.Clients.Tables.GetTableClient(StorageNames.MetricIndexTable(2056));
        await foreach (var old in ranking.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"ReportId eq {id}")))
        {
            await ranking.DeleteEntityAsync(old.PartitionKey, old.RowKey);
        }
        var reportIndex = storage.Clients.Tables.GetTableClient(StorageNames.ReportIndexTable);
        TableEntity agencyRow = await reportIndex.GetEntityAsync<TableEntity>(IndexKeys.AgencyPartition(agency), IndexKeys.AgencyReportRow(2056, id));
        agencyRow.Remove(IndexRows.MetricsColumn);
        await reportIndex.UpdateEntityAsync(agencyRow, agencyRow.ETag, TableUpdateMode.Replace);
        Assert.DoesNotContain((await queries.RankAsync("requests.granted", 2056, null, 100, null, CancellationToken.None)).Items, f => f.ReportId == id);

        await writer.WriteAsync(version, report, CancellationToken.None); // what `gongkai reparse` does for each blob

        Assert.Equal(17m, Assert.Single((await queries.RankAsync("requests.granted", 2056, null, 100, null, CancellationToken.None)).Items, f => f.ReportId == id).Value);
        Assert.Equal(31m, Assert.Single(await queries.OverYearsAsync(agency, "requests.new_received", CancellationToken.None)).Value);
        Assert.Equal(ReportRecord.CurrentIndexLayout, (await reports.GetEntityAsync<TableEntity>(id, ReportRecord.RowKeyFor(id))).Value.GetInt32("IndexLayout"));
    }

    [Fact]
    public async Task A_report_without_a_year_is_listed_under_its_agency_but_not_over_the_years()
    {
        await using var host = await RunningHost.StartAsync(storage);
        var writer = host.Services.GetRequiredService<ReportRecordWriter>();
        var queries = host.Services.GetRequiredService<ReportQueries>();
        var agency = Unique("南沙区城市管理和综合执法局");
        await writer.WriteAsync(SampleReports.Version($"p/unknown/{Guid.NewGuid():N}.html", Monday),
            SampleReports.Report(agency, null, new Dictionary<string, decimal> { ["requests.new_received"] = 3 }), CancellationToken.None);
        await writer.WriteAsync(SampleReports.Version($"p/2057/{Guid.NewGuid():N}.html", Monday),
            SampleReports.Report(agency, 2057, new Dictionary<string, decimal> { ["requests.new_received"] = 9 }), CancellationToken.None);

        var listed = await queries.ListReportsAsync(new ReportFilter(agency, null, null, null, null), 10, null, CancellationToken.None);
        Assert.Equal(2, listed.Items.Count);
        var figure = Assert.Single(await queries.OverYearsAsync(agency, "requests.new_received", CancellationToken.None));
        Assert.Equal((2057, 9m), (figure.Year, figure.Value));
    }

    [Theory]
    [InlineData("x' or PartitionKey ne 'y")]
    [InlineData("x') or (PartitionKey ne 'y")]
    [InlineData("广州市' or Agency ne '")]
    public async Task A_filter_value_from_a_request_matches_nothing_but_itself(string hostile)
    {
        await using var host = await RunningHost.StartAsync(storage);
        var writer = host.Services.GetRequiredService<ReportRecordWriter>();
        var queries = host.Services.GetRequiredService<ReportQueries>();
        var agency = Unique("越秀区司法局");
        await writer.WriteAsync(SampleReports.Version($"p/2058/{Guid.NewGuid():N}.html", Monday),
            SampleReports.Report(agency, 2058, new Dictionary<string, decimal> { ["requests.new_received"] = 5 }), CancellationToken.None);

        // Every value lands in the filter as one quoted literal: the quote cannot close it and add a condition.
        Assert.Empty((await queries.ListReportsAsync(new ReportFilter(hostile, null, null, null, null), 100, null, CancellationToken.None)).Items);
        Assert.Empty((await queries.ListReportsAsync(new ReportFilter(null, hostile, 2058, hostile, null), 100, null, CancellationToken.None)).Items);
        Assert.Empty((await queries.ListAgenciesAsync(hostile, 100, null, CancellationToken.None)).Items);
        Assert.Empty((await queries.RankAsync(hostile, 2058, hostile, 100, null, CancellationToken.None)).Items);
        Assert.Empty(await queries.OverYearsAsync(hostile, "requests.new_received", CancellationToken.None));
        // The same query with an honest value finds the report, so the emptiness above is the escaping at work.
        Assert.Single((await queries.ListReportsAsync(new ReportFilter(agency, null, null, null, null), 100, null, CancellationToken.None)).Items);
    }

    [Fact]
    public async Task A_year_nobody_reported_ranks_nothing_and_creates_no_table()
    {
        await using var host = await RunningHost.StartAsync(storage);
        var queries = host.Services.GetRequiredService<ReportQueries>();

        Assert.Empty((await queries.RankAsync("requests.new_received", 1999, null, 10, null, CancellationToken.None)).Items);
        Assert.Empty(await queries.RankAscendingAsync("requests.new_received", 1999, null, 10, CancellationToken.None));
        Assert.Equal(404, (await storage.Clients.Tables.GetTableClient(StorageNames.MetricIndexTable(1999)).DeleteAsync()).Status);
    }

    [Fact]
    public async Task Concurrent_parses_of_the_same_blob_leave_one_consistent_record()
    {
        await using var host = await RunningHost.StartAsync(storage);
        var writer = host.Services.GetRequiredService<ReportRecordWriter>();
        var agency = Unique("越秀区民政局");
        var version = SampleReports.Version($"p/2054/{Guid.NewGuid():N}.html", Monday);
        var report = SampleReports.Report(agency, 2054, new Dictionary<string, decimal> { ["requests.new_received"] = 8, ["requests.granted"] = 8 });

        var ids = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => writer.WriteAsync(version, report, CancellationToken.None)));

        Assert.Single(ids.Distinct());
        var rows = await SnapshotAsync(ids[0], agency, 2054);
        Assert.Equal(2 + 2 + 1, rows.Count); // 2 ranking rows, 2 report index rows, the record
    }

    [Fact]
    public async Task Concurrent_parses_of_two_versions_end_with_the_newest_current()
    {
        await using var host = await RunningHost.StartAsync(storage);
        var writer = host.Services.GetRequiredService<ReportRecordWriter>();
        var queries = host.Services.GetRequiredService<ReportQueries>();
        var agency = Unique("天河区卫生健康局");
        var versions = Enumerable.Range(0, 4).Select(i => SampleReports.Version($"p/2055/{Guid.NewGuid():N}.html", Monday.AddDays(i))).ToList();

        var ids = await Task.WhenAll(versions.Select((v, i) =>
            writer.WriteAsync(v, SampleReports.Report(agency, 2055, new Dictionary<string, decimal> { ["requests.new_received"] = 100 + i }), CancellationToken.None)));

        var record = await queries.GetReportAsync(ids[0], CancellationToken.None);
        Assert.Equal(versions[^1].Blob, record!.Current.Blob);
        Assert.Equal(4, record.Versions.Count);
        var ranking = await queries.RankAsync("requests.new_received", 2055, null, 100, null, CancellationToken.None);
        Assert.Equal(103m, Assert.Single(ranking.Items, f => f.ReportId == ids[0]).Value);
    }

    [Fact]
    public async Task A_blob_whose_reparse_names_another_year_moves_to_that_report()
    {
        await using var host = await RunningHost.StartAsync(storage);
        var writer = host.Services.GetRequiredService<ReportRecordWriter>();
        var queries = host.Services.GetRequiredService<ReportQueries>();
        var agency = Unique("白云区财政局");
        var version = SampleReports.Version($"p/2056/{Guid.NewGuid():N}.html", Monday);

        var wrong = await writer.WriteAsync(version, SampleReports.Report(agency, 2056, new Dictionary<string, decimal> { ["requests.new_received"] = 1 }), CancellationToken.None);
        var right = await writer.WriteAsync(version, SampleReports.Report(agency, 2057, new Dictionary<string, decimal> { ["requests.new_received"] = 1 }), CancellationToken.None);

        Assert.NotEqual(wrong, right);
        Assert.Null(await queries.GetReportAsync(wrong, CancellationToken.None));
        Assert.NotNull(await queries.GetReportAsync(right, CancellationToken.None));
        Assert.DoesNotContain((await queries.RankAsync("requests.new_received", 2056, null, 100, null, CancellationToken.None)).Items, f => f.ReportId == wrong);
        // The agency list follows the move: the year the report left is no longer listed.
        var entry = await queries.GetAgencyAsync(agency, CancellationToken.None);
        Assert.Equal([2057], entry!.Reports.Keys);
        Assert.Equal(right, entry.Reports[2057]);
    }

    [Fact]
    public async Task An_agency_whose_only_report_moves_to_another_agency_leaves_the_agency_list()
    {
        await using var host = await RunningHost.StartAsync(storage);
        var writer = host.Services.GetRequiredService<ReportRecordWriter>();
        var queries = host.Services.GetRequiredService<ReportQueries>();
        var misread = Unique("白云区财政");
        var agency = Unique("白云区财政局");
        var kept = SampleReports.Version($"p/2058/{Guid.NewGuid():N}.html", Monday);
        var moved = SampleReports.Version($"p/2059/{Guid.NewGuid():N}.html", Monday);

        await writer.WriteAsync(kept, SampleReports.Report(misread, 2058, new Dictionary<string, decimal> { ["requests.new_received"] = 1 }), CancellationToken.None);
        await writer.WriteAsync(moved, SampleReports.Report(misread, 2059, new Dictionary<string, decimal> { ["requests.new_received"] = 2 }), CancellationToken.None);
        await writer.WriteAsync(moved, SampleReports.Report(agency, 2059, new Dictionary<string, decimal> { ["requests.new_received"] = 2 }), CancellationToken.None);

        Assert.Equal([2058], (await queries.GetAgencyAsync(misread, CancellationToken.None))!.Reports.Keys);
        Assert.Equal([2059], (await queries.GetAgencyAsync(agency, CancellationToken.None))!.Reports.Keys);

        await writer.WriteAsync(kept, SampleReports.Report(agency, 2058, new Dictionary<string, decimal> { ["requests.new_received"] = 1 }), CancellationToken.None);

        Assert.Null(await queries.GetAgencyAsync(misread, CancellationToken.None));
        Assert.Equal([2058, 2059], (await queries.GetAgencyAsync(agency, CancellationToken.None))!.Reports.Keys);
    }

    [Fact]
    public async Task Writing_the_same_parse_again_sends_no_table_write()
    {
        await using var host = await RunningHost.StartAsync(storage);
        var writer = host.Services.GetRequiredService<ReportRecordWriter>();
        var generation = host.Services.GetRequiredService<RecordGeneration>();
        var agency = Unique("海珠区商务局");
        var report = SampleReports.Report(agency, 2060, new Dictionary<string, decimal> { ["requests.new_received"] = 4, ["requests.granted"] = 2 });
        var version = SampleReports.Version($"p/2060/{Guid.NewGuid():N}.html", Monday);

        var id = await writer.WriteAsync(version, report, CancellationToken.None);
        var before = generation.Value;
        var etags = await ETagsAsync(id, agency, 2060);
        await writer.WriteAsync(version, report, CancellationToken.None);

        Assert.Equal(before, generation.Value);
        Assert.Equal(etags, await ETagsAsync(id, agency, 2060));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-3, 0)]
    [InlineData(12.5, 12)]
    [InlineData(1000000, 999999.9999)]
    public void Inverted_values_sort_highest_first(double higher, double lower)
    {
        var a = IndexKeys.InvertedValue((decimal)Math.Max(higher, lower));
        var b = IndexKeys.InvertedValue((decimal)Math.Min(higher, lower));
        Assert.True(string.CompareOrdinal(a, b) < 0, $"{a} should sort before {b}");
        Assert.Equal(19, a.Length);
    }

    [Fact]
    public async Task A_report_is_one_point_read_keyed_by_its_id_with_the_parse_inline()
    {
        await using var host = await RunningHost.StartAsync(storage);
        var writer = host.Services.GetRequiredService<ReportRecordWriter>();
        var agency = Unique("天河区住房和城乡建设局");
        var version = SampleReports.Version($"p/2056/{Guid.NewGuid():N}.html", Monday);
        var parsed = SampleReports.Report(agency, 2056, new Dictionary<string, decimal> { ["requests.new_received"] = 31 });
        var id = await writer.WriteAsync(version, parsed, CancellationToken.None);

        var row = await storage.Clients.Tables.GetTableClient(StorageNames.ReportsTable).FindAsync(id, id, null, CancellationToken.None);
        Assert.NotNull(row);
        Assert.NotNull(row.GetBinary("CompressedParse"));

        // With the parsed-reports copy gone, the answer can only have come from the row.
        var parsedReports = storage.Clients.Blobs.GetBlobContainerClient(StorageNames.ParsedReportsContainer);
        await parsedReports.DeleteBlobAsync(ParsedReportStore.NameFor(version.Blob));
        using var report = JsonDocument.Parse(await host.Client.GetStringAsync($"/api/reports/{id}"));
        Assert.Equal(parsed.Text[parsed.Sections[0].Start..parsed.Sections[0].End], report.RootElement.GetProperty("sections")[0].GetProperty("text").GetString());
        var figure = Assert.Single(report.RootElement.GetProperty("metrics").EnumerateArray());
        Assert.Equal(31m, figure.GetProperty("value").GetDecimal());
        Assert.Equal("总计", figure.GetProperty("provenance").GetProperty("columnLabel").GetString());
    }

    [Fact]
    public async Task A_parse_too_large_to_keep_inline_is_served_from_parsed_reports()
    {
        await using var host = await RunningHost.StartAsync(storage);
        var writer = host.Services.GetRequiredService<ReportRecordWriter>();
        var agency = Unique("白云区城市管理和综合执法局");
        // Text that gzip cannot shrink below the column's limit: 200,000 CJK characters drawn at random (seeded).
        var random = new Random(2057);
        var text = "一、总体情况\n" + string.Concat(Enumerable.Range(0, 200_000).Select(_ => (char)random.Next(0x4E00, 0x9FA5)));
        var report = SampleReports.Report(agency, 2057, new Dictionary<string, decimal> { ["requests.new_received"] = 64 }) with
        {
            Text = text,
            Sections = [new Gongkai.Reports.ReportSection("overview", "一、总体情况", 0, text.Length)],
        };
        var version = SampleReports.Version($"p/2057/{Guid.NewGuid():N}.html", Monday);
        var id = await writer.WriteAsync(version, report, CancellationToken.None);

        var row = await storage.Clients.Tables.GetTableClient(StorageNames.ReportsTable).FindAsync(id, id, null, CancellationToken.None);
        Assert.NotNull(row);
        Assert.False(row.ContainsKey("CompressedParse"));
        using var answer = JsonDocument.Parse(await host.Client.GetStringAsync($"/api/reports/{id}"));
        Assert.Equal(text, answer.RootElement.GetProperty("sections")[0].GetProperty("text").GetString());
        Assert.Equal(64m, Assert.Single(answer.RootElement.GetProperty("metrics").EnumerateArray()).GetProperty("value").GetDecimal());
    }

    /// <summary>The ETag of every row the report owns: a write, even of identical columns, changes it.</summary>
    private async Task<List<string>> ETagsAsync(string id, string agency, int year)
    {
        var tables = storage.Clients.Tables;
        var etags = new List<string>();
        foreach (var (table, filter) in new[]
        {
            (StorageNames.ReportsTable, TableClient.CreateQueryFilter($"PartitionKey eq {id}")),
            (StorageNames.ReportIndexTable, TableClient.CreateQueryFilter($"ReportId eq {id} or Agency eq {agency}")),
            (StorageNames.MetricIndexTable(year), TableClient.CreateQueryFilter($"ReportId eq {id}")),
            (StorageNames.ReportBlobsTable, TableClient.CreateQueryFilter($"ReportId eq {id}")),
        })
        {
            await foreach (var row in tables.GetTableClient(table).QueryAsync<TableEntity>(filter))
            {
                etags.Add($"{table}|{row.PartitionKey}|{row.RowKey}|{row.ETag}");
            }
        }
        etags.Sort(StringComparer.Ordinal);
        Assert.True(etags.Count >= 7, string.Join('\n', etags));
        return etags;
    }

    private static string Unique(string agency) => agency + Guid.NewGuid().ToString("N")[..6];

    /// <summary>Every row the report owns, with every column, in a stable order.</summary>
    private async Task<List<string>> SnapshotAsync(string id, string agency, int year)
    {
        var tables = storage.Clients.Tables;
        var rows = new List<string>();
        async Task Add(string table, string filter)
        {
            await foreach (var row in tables.GetTableClient(table).QueryAsync<TableEntity>(filter))
            {
                var columns = row.Where(c => c.Key is not "Timestamp" and not "odata.etag").OrderBy(c => c.Key, StringComparer.Ordinal)
                    .Select(c => $"{c.Key}={c.Value}");
                rows.Add($"{table}|{row.PartitionKey}|{row.RowKey}|{string.Join(';', columns)}");
            }
        }
        await Add(StorageNames.ReportsTable, TableClient.CreateQueryFilter($"PartitionKey eq {id}"));
        await Add(StorageNames.ReportIndexTable, TableClient.CreateQueryFilter($"ReportId eq {id}"));
        await Add(StorageNames.MetricIndexTable(year), TableClient.CreateQueryFilter($"ReportId eq {id}"));
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
