using Gongkai.Harvest.Stores;

namespace Gongkai.Harvest.Tests.Stores;

public sealed class TableKeyTests
{
    [Theory]
    [InlineData("a/b", "'/'")]
    [InlineData("a\\b", "'\\'")]
    [InlineData("a#b", "'#'")]
    [InlineData("a?b", "'?'")]
    [InlineData("a\tb", "U+0009")]
    [InlineData("a\u007fb", "U+007F")]
    [InlineData("a\u0085b", "U+0085")]
    public void Validate_rejects_the_characters_Table_Storage_forbids(string key, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => TableKey.Validate(key));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.False(TableKey.IsValid(key));
    }

    [Theory]
    [InlineData("")]
    [InlineData("gov-cn")]
    [InlineData("国务院办公厅 2024")]
    [InlineData("it's (fine) 100%")]
    public void Validate_accepts_everything_else(string key)
    {
        TableKey.Validate(key);
        Assert.True(TableKey.IsValid(key));
    }

    [Fact]
    public void Overlong_keys_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => TableKey.Validate(new string('a', TableKey.MaxLength + 1)));
    }

    [Theory]
    [InlineData("https://www.gov.cn/zhengce/2024/report.html?id=7#top")]
    [InlineData("~already~7E encoded?")]
    [InlineData("tab\there\r\nand\u0085")]
    [InlineData("plain")]
    [InlineData("")]
    public void Encode_makes_a_valid_key_and_Decode_reverses_it(string value)
    {
        var key = TableKey.Encode(value);
        TableKey.Validate(key);
        Assert.Equal(value, TableKey.Decode(key));
    }

    [Fact]
    public void Encode_keeps_plain_keys_readable()
    {
        Assert.Equal("https:~2F~2Fwww.gov.cn~2Fa", TableKey.Encode("https://www.gov.cn/a"));
        Assert.Equal("国务院", TableKey.Encode("国务院"));
    }

    [Theory]
    [InlineData("~")]
    [InlineData("~2")]
    [InlineData("~ZZ")]
    public void Decode_rejects_malformed_escapes(string key)
    {
        Assert.Throws<FormatException>(() => TableKey.Decode(key));
    }
}
