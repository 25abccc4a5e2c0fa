using System.Text;
using Gongkai.Reports.Decoding;
using Gongkai.Reports.Tests.Text;

namespace Gongkai.Reports.Tests.Decoding;

public sealed class MisdecodingDetectorTests
{
    /// <summary>
    /// Reproduces the damage seen on a portal: a GBK stream that lost one byte is read out of step, so
    /// 。“同意公开”的 turns into full-width punctuation, rare and private-use characters and a question mark.
    /// </summary>
    private static (string Text, int DamageStart) OutOfStep()
    {
        var gbk = Encoding.GetEncoding("gbk", EncoderFallback.ExceptionFallback, new DecoderReplacementFallback("?"));
        const string Prefix = "其中属已主动公开范围的1宗，占1.12%";
        var bytes = gbk.GetBytes(Prefix + "。“同意公开”的71宗，占总数的79.77%。").ToList();
        bytes.RemoveAt(gbk.GetByteCount(Prefix));
        return (gbk.GetString(bytes.ToArray()), Prefix.Length);
    }

    [Fact]
    public void Finds_a_double_byte_stream_read_out_of_step()
    {
        _ = TextFixtures.RepositoryRoot;
        var (text, damageStart) = OutOfStep();

        var span = Assert.Single(MisdecodingDetector.Find(text));
        Assert.Equal(damageStart, span.Start);
        Assert.StartsWith("1宗，占总数的79.77%。", text[span.End..], StringComparison.Ordinal);
    }

    [Fact]
    public void Finds_replacement_character_runs()
    {
        var span = Assert.Single(MisdecodingDetector.Find("共受理申请\uFFFD\uFFFD\uFFFD件。"));
        Assert.Equal((5, 8), span);
    }

    [Theory]
    [InlineData("网址：http://www.gzzwb.gov.cn/index.jsp?id=3&col=1")]
    [InlineData("What? 2019年，我区受理申请964件。")]
    [InlineData("是否公开？答复如下。")]
    public void Ignores_question_marks_that_belong_there(string text) => Assert.Empty(MisdecodingDetector.Find(text));

    [Fact]
    public void Reported_by_the_parser_with_offsets_into_the_text()
    {
        var (text, damageStart) = OutOfStep();
        var report = TextFixtures.ParseText("三、依申请公开政府信息情况\n" + text);
        var problem = Assert.Single(report.Problems, p => p.Code == ProblemCodes.TextMisdecoded);
        Assert.Equal("三、依申请公开政府信息情况\n".Length + damageStart, problem.Start!.Value);
        Assert.Contains(report.Text[problem.Start.Value..problem.End!.Value], problem.Message, StringComparison.Ordinal);
    }
}
