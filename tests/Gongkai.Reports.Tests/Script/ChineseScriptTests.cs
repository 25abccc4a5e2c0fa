namespace Gongkai.Reports.Tests.Script;

public sealed class ChineseScriptTests
{
    [Theory]
    [InlineData("廣州市荔灣區人民政府信息公開年度報告", "广州市荔湾区人民政府信息公开年度报告")]
    [InlineData("因政府信息公開申請行政復議、提起行政訴訟的情況", "因政府信息公开申请行政复议、提起行政诉讼的情况")]
    [InlineData("諮詢", "谘询")]
    [InlineData("戰略", "战略")]
    [InlineData("已经是简体", "已经是简体")]
    public void Converts_traditional_characters_one_for_one(string traditional, string simplified)
    {
        var converted = ChineseScript.ToSimplified(traditional);
        Assert.Equal(simplified, converted);
        Assert.Equal(traditional.Length, converted.Length);
    }

    [Theory]
    [InlineData('乾')] // 乾 → {乾, 干}: ambiguous, kept.
    [InlineData('著')] // 著 → {着, 著}
    [InlineData('后')] // its own Traditional form for 皇后
    public void Leaves_ambiguous_and_shared_characters_as_written(char c)
    {
        Assert.False(ChineseScript.IsTraditional(c));
        Assert.Equal(c.ToString(), ChineseScript.ToSimplified(c.ToString()));
    }

    [Fact]
    public void The_generated_table_is_complete_not_hand_picked()
    {
        // Unihan has thousands of single-variant pairs; a hand-made list has dozens.
        var traditional = Enumerable.Range(0x4E00, 0x9FFF - 0x4E00 + 1).Count(c => ChineseScript.IsTraditional((char)c));
        Assert.InRange(traditional, 2000, 4000);
        Assert.True(ChineseScript.IsTraditional('後'));
        Assert.True(ChineseScript.IsSimplified('发'));
        Assert.False(ChineseScript.IsSimplified('后'));
    }

    [Fact]
    public void Match_text_folds_full_width_forms_to_ascii_and_keeps_length()
    {
        const string Text = "（二）部分公開：１，２８６件　Ａ";
        var match = ChineseScript.ToMatchText(Text);
        Assert.Equal("(二)部分公开:1,286件 A", match);
        Assert.Equal(Text.Length, match.Length);
    }

    [Theory]
    [InlineData("2011年廣州市荔灣區人民政府信息公開年度報告", "traditional")]
    [InlineData("清远市清新区人民政府办公室2013年政府信息公开工作年度报告", "simplified")]
    [InlineData("根據中华人民共和国政府信息公開條例现公布东莞市", "mixed")]
    [InlineData("2019 12 31", "simplified")]
    public void Classifies_script_by_distinctive_characters(string text, string script) =>
        Assert.Equal(script, ChineseScript.Classify(text));

    [Fact]
    public void A_few_stray_traditional_characters_do_not_make_a_simplified_report_mixed()
    {
        var text = string.Concat(Enumerable.Repeat("政府信息公开工作有序推进，全面展开。", 40)) + "準確";
        Assert.Equal(ReportScripts.Simplified, ChineseScript.Classify(text));
    }
}
