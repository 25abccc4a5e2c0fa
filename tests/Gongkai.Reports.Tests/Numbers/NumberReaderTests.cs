using Gongkai.Reports.Numbers;

namespace Gongkai.Reports.Tests.Numbers;

public sealed class NumberReaderTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("108", 108)]
    [InlineData(" 1,286 ", 1286)]
    [InlineData("1，286", 1286)]
    [InlineData("１２３", 123)]
    [InlineData("12.36", 12.36)]
    [InlineData("251000元", 251000)]
    [InlineData("7件", 7)]
    [InlineData("1 件", 1)]
    [InlineData("-3", -3)]
    [InlineData("约100", 100)]
    [InlineData("5（含转办2件）", 5)]
    [InlineData("两", 2)]
    [InlineData("十二", 12)]
    [InlineData("一百零五", 105)]
    [InlineData("〇", 0)]
    public void Reads_a_cell_as_a_number(string cell, double expected)
    {
        var number = NumberReader.ReadCell(cell);

        Assert.Equal(WrittenNumberKind.Number, number.Kind);
        Assert.Equal((decimal)expected, number.Value);
    }

    [Fact]
    public void Wan_multiplies_by_ten_thousand_and_keeps_what_was_written()
    {
        var number = NumberReader.ReadCell("12.85万条");

        Assert.Equal(128500m, number.Value);
        Assert.Equal(12.85m, number.Written);
        Assert.Equal(10000m, number.Multiplier);
        Assert.Equal("万条", number.Unit);

        var amount = NumberReader.ReadCell("12.36万元");
        Assert.Equal(123600m, amount.Value);
        Assert.Equal("万元", amount.Unit);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\u00A0")]
    [InlineData("—")]
    [InlineData("-")]
    [InlineData("／")]
    [InlineData("无")]
    [InlineData("空")]
    public void Blank_and_dash_cells_are_not_stated_rather_than_zero(string cell) =>
        Assert.Equal(WrittenNumberKind.NotStated, NumberReader.ReadCell(cell).Kind);

    [Theory]
    [InlineData("99.4%")]
    [InlineData("12 %")]
    [InlineData("８０％")]
    public void Percentages_are_never_values(string cell) =>
        Assert.Equal(WrittenNumberKind.Percentage, NumberReader.ReadCell(cell).Kind);

    [Theory]
    [InlineData("1\uFFFD")]
    [InlineData("?")]
    [InlineData("锟斤拷")]
    public void Mis_decoded_cells_are_damaged(string cell) =>
        Assert.Equal(WrittenNumberKind.Damaged, NumberReader.ReadCell(cell).Kind);

    [Fact]
    public void Reads_a_number_with_its_unit_in_running_text()
    {
        const string text = "本区共受理政府信息公开申请7743件，占总数的99.4%";
        var at = text.IndexOf('7');

        var number = NumberReader.ReadAt(text, at);

        Assert.Equal(7743m, number.Value);
        Assert.Equal("件", number.Unit);
        Assert.Equal(5, number.Length);
        Assert.Equal(WrittenNumberKind.Percentage, NumberReader.ReadAt(text, text.IndexOf("99", StringComparison.Ordinal)).Kind);
    }

    [Fact]
    public void A_number_without_a_unit_is_not_a_count_in_running_text()
    {
        Assert.False(NumberReader.ReadAt("2011年", 0).IsNumber);
        Assert.Equal(2m, NumberReader.ReadAt("两起", 0).Value);
        Assert.Equal(1m, NumberReader.ReadAt("一件", 0).Value);
        Assert.Equal(1487096m, NumberReader.ReadAt("1487096人次", 0).Value);
        Assert.Equal("人次", NumberReader.ReadAt("1487096人次", 0).Unit);
    }

    [Theory]
    [InlineData("一", 1)]
    [InlineData("十", 10)]
    [InlineData("二十", 20)]
    [InlineData("一百一十", 110)]
    [InlineData("三千〇六", 3006)]
    [InlineData("二万五千", 25000)]
    [InlineData("二〇一九", 2019)]
    public void Reads_chinese_numerals(string text, long expected)
    {
        Assert.True(ChineseNumerals.TryParse(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("7 743件", 7743, 6)]
    [InlineData("12 850条", 12850, 7)]
    [InlineData("1 286 400元", 1286400, 10)]
    [InlineData("3\u00A0021人次", 3021, 7)]
    [InlineData("2 405万元", 24050000, 7)]
    public void A_single_space_before_three_digits_and_a_unit_separates_thousands(string text, double expected, int length)
    {
        var number = NumberReader.ReadAt(text, 0);

        Assert.True(number.IsNumber);
        Assert.Equal((decimal)expected, number.Value);
        Assert.Equal(length, number.Length);
    }

    [Theory]
    [InlineData("7 743")] // no unit: two figures of a row as likely as one number
    [InlineData("7  743件")] // two spaces
    [InlineData("7 74件")] // not three digits
    [InlineData("7 7431件")]
    [InlineData("7 743.5件")]
    [InlineData("1234 567件")] // a first group of more than three digits
    [InlineData("7 743 件")]
    [InlineData("7\t743件")]
    [InlineData("1 000 000 000 000 000 000件")] // more groups than any count has
    public void Digits_split_by_a_space_are_not_joined_otherwise(string text)
    {
        var number = NumberReader.ReadAt(text, 0);

        Assert.False(number.IsNumber && number.Value > 9);
    }

    [Fact]
    public void A_cell_split_by_a_space_without_a_unit_is_not_one_number() =>
        Assert.Equal(WrittenNumberKind.Text, NumberReader.ReadCell("7 743").Kind);
}
