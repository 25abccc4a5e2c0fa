using System.Text;

namespace Gongkai.Reports.Tests.Text;

/// <summary>The parser returns a result with problems for any input; it never throws or hangs.</summary>
public sealed class RobustnessTests
{
    // Generous: a guard against hangs and runaway backtracking, not a performance measurement.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private static ParsedReport ParseGuarded(byte[] bytes, string? fileName = null, string? contentType = null)
    {
        var task = Task.Run(() => new ReportParser().Parse(new ReportSource(bytes) { FileName = fileName, ContentType = contentType }));
        Assert.True(task.Wait(HangGuard), "the parser did not finish");
        return task.Result;
    }

    [Fact]
    public void Empty_input_gives_a_result_with_problems()
    {
        var report = ParseGuarded([]);
        Assert.Contains(report.Problems, p => p.Code == ProblemCodes.TextEmpty);
        Assert.Equal(ReportParserVersion.Current, report.ParserVersion);
    }

    [Fact]
    public void Random_and_binary_bytes_give_results_with_problems()
    {
        var random = new Random(20240601);
        for (var i = 0; i < 40; i++)
        {
            var bytes = new byte[random.Next(0, 20000)];
            random.NextBytes(bytes);
            var report = ParseGuarded(bytes, i % 2 == 0 ? "x.html" : null, i % 3 == 0 ? "text/html; charset=gb2312" : null);
            Assert.NotEmpty(report.Problems);
        }
    }

    [Fact]
    public void Truncated_pages_give_results()
    {
        var page = TextFixtures.Bytes("trs-2021.html", "gb18030");
        for (var length = 0; length < page.Length; length += 97)
        {
            var report = ParseGuarded(page[..length], "trs.html");
            Assert.NotNull(report.Text);
            Assert.DoesNotContain(report.Problems, p => p.Code == ProblemCodes.StageFailed);
        }
    }

    [Fact]
    public void Deeply_nested_markup_is_read_without_exhausting_the_stack()
    {
        var html = new StringBuilder("<html><body>");
        for (var i = 0; i < 200_000; i++)
        {
            html.Append(i % 2 == 0 ? "<div>" : "<font>");
        }

        html.Append("一、总体情况 2019年，我区受理申请964件。");
        var report = ParseGuarded(Encoding.UTF8.GetBytes(html.ToString()), "deep.html");
        Assert.Contains(report.Problems, p => p.Code == ProblemCodes.MarkupUnreadable);
        Assert.Contains("我区受理申请964件", report.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_but_legal_nesting_is_read_as_a_tree()
    {
        var html = new StringBuilder("<html><body>");
        for (var i = 0; i < 1000; i++)
        {
            html.Append("<div>");
        }

        html.Append("<p>一、总体情况</p><p>2019年，我区受理申请964件。</p>");
        var report = ParseGuarded(Encoding.UTF8.GetBytes(html.ToString()), "deep.html");
        Assert.DoesNotContain(report.Problems, p => p.Code == ProblemCodes.MarkupUnreadable);
        Assert.Equal("一、总体情况\n2019年，我区受理申请964件。", report.Text);
    }

    [Fact]
    public void Ten_megabyte_pages_are_parsed()
    {
        var unit = TextFixtures.Read("trs-2021.html");
        var html = new StringBuilder();
        while (html.Length * 3 < 10 * 1024 * 1024)
        {
            html.Append(unit);
        }

        var report = ParseGuarded(Encoding.UTF8.GetBytes(html.ToString()), "big.html");
        Assert.NotEmpty(report.Text);
        Assert.Equal(2021, report.ReportYear);
    }

    [Fact]
    public void Oversized_inputs_are_truncated_and_say_so()
    {
        var bytes = new byte[ReportParser.MaxInputBytes + 10];
        bytes.AsSpan().Fill((byte)'a');
        var report = ParseGuarded(bytes, "huge.txt");
        Assert.Contains(report.Problems, p => p.Code == ProblemCodes.InputTruncated);
    }

    [Fact]
    public void Parser_is_thread_safe()
    {
        var parser = new ReportParser();
        var page = TextFixtures.Bytes("hanweb-2019.html", "gbk");
        var results = new ParsedReport[16];
        Parallel.For(0, results.Length, i => results[i] = parser.Parse(new ReportSource(page) { FileName = "h.html" }));
        Assert.All(results, r => Assert.Equal(results[0].Text, r.Text));
    }
}
