namespace Gongkai.Storage.Tests;

public sealed class TableFilterTests
{
    [Fact]
    public void Strings_are_quoted_with_single_quotes_doubled()
    {
        Assert.Equal("PartitionKey eq 'it''s'", TableFilter.Eq("PartitionKey", "it's").ToString());
        Assert.Equal("RowKey ne ''''''", TableFilter.Ne("RowKey", "''").ToString());
    }

    [Fact]
    public void Typed_values_get_their_OData_literals()
    {
        var guid = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        Assert.Equal("N gt 5", TableFilter.Gt("N", 5).ToString());
        Assert.Equal("N ge 9223372036854775807L", TableFilter.Ge("N", long.MaxValue).ToString());
        Assert.Equal("D lt 2.0", TableFilter.Lt("D", 2.0).ToString());
        Assert.Equal("D le 0.5", TableFilter.Le("D", 0.5).ToString());
        Assert.Equal("B eq true", TableFilter.Eq("B", true).ToString());
        Assert.Equal("T eq datetime'2024-02-29T23:59:59.1234567Z'", TableFilter.Eq("T", new DateTimeOffset(2024, 3, 1, 7, 59, 59, TimeSpan.FromHours(8)).AddTicks(1234567)).ToString());
        Assert.Equal("G eq guid'0f8fad5b-d9cb-469f-a165-70867728950e'", TableFilter.Eq("G", guid).ToString());
        Assert.Equal("X eq X'00ff10'", TableFilter.Eq("X", new byte[] { 0, 255, 16 }).ToString());
    }

    [Fact]
    public void Combinators_parenthesise_each_side()
    {
        var filter = TableFilter.Eq("PartitionKey", "a").And(TableFilter.Ge("RowKey", "b").Or(TableFilter.Lt("RowKey", "c"))).Not();
        Assert.Equal("not ((PartitionKey eq 'a') and ((RowKey ge 'b') or (RowKey lt 'c')))", filter.ToString());
        string text = TableFilter.Eq("A", 1);
        Assert.Equal("A eq 1", text);
    }

    [Fact]
    public void StartsWith_is_a_key_range()
    {
        Assert.Equal("(RowKey ge 'gov-') and (RowKey lt 'gov.')", TableFilter.StartsWith("RowKey", "gov-").ToString());
    }

    [Theory]
    [InlineData("Partition Key")]
    [InlineData("a' or 1 eq 1 or 'b")]
    [InlineData("")]
    [InlineData("1abc")]
    public void Property_names_that_could_change_the_filter_are_rejected(string property)
    {
        Assert.ThrowsAny<ArgumentException>(() => TableFilter.Eq(property, "x"));
    }

    [Fact]
    public void Values_that_have_no_literal_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => TableFilter.Eq("D", double.NaN));
        Assert.Throws<ArgumentException>(() => TableFilter.Eq("D", new object()));
        Assert.Throws<ArgumentNullException>(() => TableFilter.Eq("D", null!));
    }
}
