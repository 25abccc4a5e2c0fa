using Gongkai.Testing;

namespace Gongkai.Storage.Tests;

public sealed class TableClientTests
{
    private static async Task<TableClient> NewTableAsync()
    {
        var table = TestStorage.Account.GetTable(TestStorage.UniqueName("table"));
        Assert.True(await table.CreateIfNotExistsAsync());
        return table;
    }

    [Fact]
    public async Task CreateIfNotExists_reports_whether_it_created()
    {
        var table = await NewTableAsync();
        Assert.False(await table.CreateIfNotExistsAsync());
        Assert.True(await table.DeleteIfExistsAsync());
        Assert.False(await table.DeleteIfExistsAsync());
    }

    [Fact]
    public async Task Add_then_get_round_trips_and_a_second_add_conflicts()
    {
        var table = await NewTableAsync();
        var entity = new TableEntity("gov-cn", "2024") { ["Title"] = "国务院2024年报告", ["Pages"] = 12 };
        var etag = await table.AddEntityAsync(entity);
        Assert.Equal(etag, entity.ETag);

        var read = await table.GetEntityAsync("gov-cn", "2024");
        Assert.NotNull(read);
        Assert.Equal("国务院2024年报告", read.GetString("Title"));
        Assert.Equal(12, read.GetInt32("Pages"));
        Assert.Equal(etag, read.ETag);
        Assert.NotNull(read.Timestamp);

        var conflict = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.AddEntityAsync(new TableEntity("gov-cn", "2024")));
        Assert.True(conflict.IsConflict);
        Assert.Equal("EntityAlreadyExists", conflict.ErrorCode);
    }

    [Fact]
    public async Task Get_of_a_missing_entity_is_null_and_select_limits_properties()
    {
        var table = await NewTableAsync();
        Assert.Null(await table.GetEntityAsync("p", "missing"));
        await table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b" });
        var read = await table.GetEntityAsync("p", "r", ["A"]);
        Assert.Equal("a", read!.GetString("A"));
        Assert.False(read.ContainsKey("B"));
    }

    [Fact]
    public async Task Upsert_merge_keeps_other_properties_and_replace_drops_them()
    {
        var table = await NewTableAsync();
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b" });
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["B"] = "b2" });
        var merged = await table.GetEntityAsync("p", "r");
        Assert.Equal("a", merged!.GetString("A"));
        Assert.Equal("b2", merged.GetString("B"));

        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["C"] = "c" }, TableUpdateMode.Replace);
        var replaced = await table.GetEntityAsync("p", "r");
        Assert.False(replaced!.ContainsKey("A"));
        Assert.Equal("c", replaced.GetString("C"));
    }

    [Fact]
    public async Task Update_with_a_stale_ETag_fails_with_412_and_changes_nothing()
    {
        var table = await NewTableAsync();
        var first = await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });
        var second = await table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 2 }, first);
        Assert.NotEqual(first, second);

        var stale = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 3 }, first));
        Assert.True(stale.IsPreconditionFailed);
        Assert.Equal(2, (await table.GetEntityAsync("p", "r"))!.GetInt32("V"));

        var missing = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.UpdateEntityAsync(new TableEntity("p", "nope"), "*"));
        Assert.True(missing.IsNotFound);

        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["W"] = "w" }, second, TableUpdateMode.Merge);
        var merged = await table.GetEntityAsync("p", "r");
        Assert.Equal(2, merged!.GetInt32("V"));
        Assert.Equal("w", merged.GetString("W"));
    }

    [Fact]
    public async Task Delete_honours_IfMatch_and_reports_missing_entities()
    {
        var table = await NewTableAsync();
        var etag = await table.AddEntityAsync(new TableEntity("p", "r"));
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["X"] = 1 });
        var stale = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.DeleteEntityAsync("p", "r", etag));
        Assert.True(stale.IsPreconditionFailed);
        Assert.True(await table.DeleteEntityAsync("p", "r"));
        Assert.False(await table.DeleteEntityAsync("p", "r"));
        Assert.Null(await table.GetEntityAsync("p", "r"));
    }

    [Fact]
    public async Task Typed_values_round_trip_exactly()
    {
        var table = await NewTableAsync();
        var when = new DateTimeOffset(2024, 2, 29, 23, 59, 59, TimeSpan.Zero).AddTicks(1234567);
        var guid = Guid.NewGuid();
        var entity = new TableEntity("types", "1")
        {
            ["Int32"] = int.MinValue,
            ["Int64"] = long.MaxValue,
            ["Int64Small"] = 5L,
            ["Double"] = 0.1 + 0.2,
            ["WholeDouble"] = 2.0,
            ["Bool"] = true,
            ["When"] = when,
            ["Local"] = new DateTimeOffset(2024, 1, 1, 8, 0, 0, TimeSpan.FromHours(8)).AddTicks(1),
            ["Guid"] = guid,
            ["Binary"] = new byte[] { 0, 1, 2, 255 },
            ["Text"] = "一二三 'quoted' \"double\"",
            ["Empty"] = string.Empty,
        };
        await table.AddEntityAsync(entity);

        var read = await table.GetEntityAsync("types", "1");
        Assert.NotNull(read);
        Assert.Equal(int.MinValue, read["Int32"]);
        Assert.Equal(long.MaxValue, read["Int64"]);
        Assert.Equal(5L, read["Int64Small"]);
        Assert.Equal(0.1 + 0.2, read["Double"]);
        Assert.Equal(2.0, read["WholeDouble"]);
        Assert.Equal(true, read["Bool"]);
        Assert.Equal(when, read["When"]);
        Assert.Equal(when.UtcTicks, read.GetDateTimeOffset("When")!.Value.UtcTicks);
        Assert.Equal(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(1), read.GetDateTimeOffset("Local")!.Value.UtcDateTime);
        Assert.Equal(guid, read["Guid"]);
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, read.GetBinary("Binary"));
        Assert.Equal("一二三 'quoted' \"double\"", read["Text"]);
        Assert.Equal(string.Empty, read["Empty"]);

        var queried = Assert.Single(await table.QueryAsync(TableFilter.Eq("Int64", long.MaxValue).And(TableFilter.Eq("When", when))).ToListAsync());
        Assert.Equal(guid, queried.GetGuid("Guid"));
        Assert.Single(await table.QueryAsync(TableFilter.Eq("Guid", guid).And(TableFilter.Eq("Binary", new byte[] { 0, 1, 2, 255 }))).ToListAsync());
        Assert.Single(await table.QueryAsync(TableFilter.Eq("WholeDouble", 2.0).And(TableFilter.Eq("Bool", true))).ToListAsync());
    }

    [Fact]
    public async Task Keys_with_quotes_and_unicode_address_the_right_entity()
    {
        var table = await NewTableAsync();
        var keys = new[] { "it's", "国务院 办公厅", "a+b=c&d", "100% (sure)", TableKey.Encode("a/b\\c#d?e~f") };
        foreach (var key in keys)
        {
            await table.UpsertEntityAsync(new TableEntity(key, key) { ["Key"] = key });
        }

        foreach (var key in keys)
        {
            Assert.Equal(key, (await table.GetEntityAsync(key, key))!.GetString("Key"));
            Assert.Single(await table.QueryAsync(TableFilter.Eq("PartitionKey", key)).ToListAsync());
        }

        Assert.True(await table.DeleteEntityAsync("it's", "it's"));
    }

    [Fact]
    public async Task Injected_filter_value_matches_nothing()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("x", "1"));
        await table.AddEntityAsync(new TableEntity("y", "1"));
        await table.AddEntityAsync(new TableEntity("z", "1"));

        var hostile = "x' or PartitionKey ne 'y";
        var filter = TableFilter.Eq("PartitionKey", hostile);
        Assert.Equal("PartitionKey eq 'x'' or PartitionKey ne ''y'", filter.ToString());
        Assert.Empty(await table.QueryAsync(filter).ToListAsync());

        // The same text pasted into a filter unescaped would have matched two entities: the test can fail.
        Assert.Equal(2, await table.QueryAsync($"PartitionKey eq '{hostile}'").CountAsync());
    }

    [Fact]
    public async Task Keys_with_forbidden_characters_are_rejected_before_any_request()
    {
        var table = TestStorage.Account.GetTable("nevercreated");
        var error = await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(new TableEntity("a/b", "r")));
        Assert.Contains("'/'", error.Message);
    }

    [Fact]
    public async Task Query_follows_continuations_over_1200_entities()
    {
        var table = await NewTableAsync();
        for (var batch = 0; batch < 12; batch++)
        {
            var actions = Enumerable.Range(0, 100)
                .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("page", $"{(batch * 100) + i:D5}") { ["N"] = (batch * 100) + i }))
                .ToList();
            await table.SubmitTransactionAsync(actions);
        }

        var first = await table.QueryPageAsync(null, null, null, null);
        Assert.Equal(1000, first.Items.Count);
        Assert.NotNull(first.Next);
        var second = await table.QueryPageAsync(null, null, null, TableContinuation.Parse(first.Next.ToToken()));
        Assert.Equal(200, second.Items.Count);
        Assert.Null(second.Next);

        var all = await table.QueryAsync(pageSize: 250).ToListAsync();
        Assert.Equal(Enumerable.Range(0, 1200), all.Select(e => e.GetInt32("N")!.Value));

        var selected = await table.QueryAsync(TableFilter.Ge("N", 1150), ["N"], 20).ToListAsync();
        Assert.Equal(50, selected.Count);
        Assert.All(selected, e => Assert.Equal(["N", "PartitionKey", "RowKey"], e.Keys.Order()));
    }

    [Fact]
    public async Task Transaction_of_100_operations_is_applied_at_once()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("batch", "to-delete"));
        await table.AddEntityAsync(new TableEntity("batch", "to-merge") { ["Kept"] = "yes" });
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Delete, new TableEntity("batch", "to-delete")),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("batch", "to-merge") { ["Added"] = 1L }),
        };
        actions.AddRange(Enumerable.Range(0, 98).Select(i => new TableTransactionAction(
            i % 2 == 0 ? TableTransactionActionType.Add : TableTransactionActionType.UpsertReplace,
            new TableEntity("batch", $"r{i:D3}") { ["I"] = i, ["名"] = "值" })));
        await table.SubmitTransactionAsync(actions);

        var all = await table.QueryAsync(TableFilter.Eq("PartitionKey", "batch")).ToListAsync();
        Assert.Equal(99, all.Count);
        var merged = all.Single(e => e.RowKey == "to-merge");
        Assert.Equal("yes", merged.GetString("Kept"));
        Assert.Equal(1L, merged.GetInt64("Added"));
        Assert.DoesNotContain(all, e => e.RowKey == "to-delete");
        Assert.Equal("值", all.First(e => e.RowKey == "r000").GetString("名"));
    }

    [Fact]
    public async Task Failing_transaction_applies_nothing_and_reports_the_failing_index()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("fail", "r037") { ["Original"] = true });
        var actions = Enumerable.Range(0, 50)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("fail", $"r{i:D3}") { ["New"] = true }))
            .ToList();

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(actions));
        Assert.Equal(37, error.FailedIndex);
        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);

        var all = await table.QueryAsync(TableFilter.Eq("PartitionKey", "fail")).ToListAsync();
        var only = Assert.Single(all);
        Assert.Equal(true, only["Original"]);
        Assert.False(only.ContainsKey("New"));
    }

    [Fact]
    public async Task Failing_update_in_a_transaction_reports_its_index_and_precondition_status()
    {
        var table = await NewTableAsync();
        var etag = await table.AddEntityAsync(new TableEntity("etag", "a"));
        await table.UpsertEntityAsync(new TableEntity("etag", "a") { ["Changed"] = true });
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, new TableEntity("etag", "b")),
            new(TableTransactionActionType.UpdateReplace, new TableEntity("etag", "a"), etag),
        };

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(actions));
        Assert.Equal(1, error.FailedIndex);
        Assert.Equal(412, error.Status);
        Assert.Null(await table.GetEntityAsync("etag", "b"));
    }

    [Fact]
    public async Task Transactions_are_validated_before_sending()
    {
        var table = TestStorage.Account.GetTable("nevercreated");
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync([]));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
            Enumerable.Range(0, 101).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToList()));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "1")),
            new(TableTransactionActionType.Add, new TableEntity("q", "2")),
        ]));
    }
}
