namespace Gongkai.Reports.Tests.Script;

public sealed class PinyinArtifactsTests
{
    [Theory]
    [InlineData("根據(jù)《條例》的規(guī)定", "根據《條例》的規定", 2)]
    [InlineData("現(xiàn)公布，開(kāi)展，創(chuàng)新，優(yōu)化", "現公布，開展，創新，優化", 4)]
    [InlineData("根據（jù）規定", "根據規定", 1)]
    public void Removes_toned_pinyin_right_after_a_han_character(string line, string repaired, int count)
    {
        Assert.Equal(repaired, PinyinArtifacts.Remove(line, out var removed));
        Assert.Equal(count, removed);
    }

    [Theory]
    [InlineData("附件(a)与附表(abc)")]        // no tone mark
    [InlineData("网址(http://www.gzns.gov.cn)")]
    [InlineData("占总数的99.4%(jù)")]          // not after a Han character
    [InlineData("第(一)项")]
    [InlineData("编号(zhōngguóguójiā)过长")]    // longer than a syllable
    public void Leaves_everything_else(string line)
    {
        Assert.Same(line, PinyinArtifacts.Remove(line, out var removed));
        Assert.Equal(0, removed);
    }
}
