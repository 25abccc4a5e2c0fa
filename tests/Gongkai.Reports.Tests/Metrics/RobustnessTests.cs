namespace Gongkai.Reports.Tests.Metrics;

/// <summary>Random grids and text built from the genre's own words never make the figures side throw.</summary>
public sealed class RobustnessTests
{
    private static readonly string[] Words =
    [
        "", "0", "12", "1,286", "12.36万元", "—", "\uFFFD", "?", "自然人", "商业企业", "其他", "总计", "小计", "申请人情况",
        "一、本年新收政府信息公开申请数量", "三、本年度办理结果", "（三）不予公开", "1.属于国家秘密", "（七）总计", "四、结转下年度继续办理",
        "行政复议", "行政诉讼", "结果维持", "复议后起诉", "尚未审结", "第二十条第（一）项", "信息内容", "本年制发件数", "规章",
        "统计指标", "单位", "统计数", "万元", "收到申请数", "一二三四五六七八九十一二三四五六七八九十", "99.4%", "-5", "两",
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Random_documents_give_a_result(int seed)
    {
        var random = new Random(seed);
        for (var n = 0; n < 40; n++)
        {
            var builder = new DocumentBuilder { Year = random.Next(2) == 0 ? null : random.Next(2005, 2026) };
            for (var block = 0; block < random.Next(1, 6); block++)
            {
                if (random.Next(2) == 0)
                {
                    builder.Line(string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => Words[random.Next(Words.Length)] + (random.Next(3) == 0 ? "件，" : "")) ));
                }
                else
                {
                    var columns = random.Next(1, 16);
                    var rows = Enumerable.Range(0, random.Next(1, 12)).Select(_ =>
                        Enumerable.Range(0, random.Next(1, columns + 1)).Select(_ =>
                            Words[random.Next(Words.Length)] + (random.Next(6) == 0 ? $"|r{random.Next(1, 4)}c{random.Next(1, 4)}" : "")).ToArray()).ToArray();
                    builder.Table(rows);
                }
            }

            var result = MetricExtractor.Extract(builder.Build());

            Assert.NotNull(result.Format);
            Assert.All(result.Metrics, m => Assert.Equal(m.Key, m.Value.Key));
        }
    }
}
