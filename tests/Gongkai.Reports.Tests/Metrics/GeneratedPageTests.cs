using Gongkai.Testing.ReportPages;

namespace Gongkai.Reports.Tests.Metrics;

/// <summary>The whole parser over generated CMS pages (Word-exported tables, merged cells, split 表三) of each format.</summary>
public sealed class GeneratedPageTests
{
    [Theory]
    [InlineData("2021", 1)]
    [InlineData("2021", 2)]
    [InlineData("2019", 3)]
    [InlineData("2019", 4)]
    [InlineData("pre2019", 5)]
    [InlineData("pre2019", 6)]
    public void Reads_the_figures_of_a_generated_page(string format, int seed)
    {
        var page = ReportPageGenerator.Generate(format, seed, 40_000);

        var report = new ReportParser().Parse(new ReportSource(page.Content) { FileName = page.FileName, ContentType = "text/html; charset=utf-8" });

        Assert.Equal(format, report.Format);
        foreach (var (key, value) in page.Figures)
        {
            Assert.True(report.Metrics.TryGetValue(key, out var metric), $"{key} missing");
            Assert.Equal(value, metric.Value);
        }

        Assert.DoesNotContain(report.Problems, p => p.Code.StartsWith("check.", StringComparison.Ordinal) || p.Code.StartsWith("figures.", StringComparison.Ordinal) || p.Code == ProblemCodes.TablesMissing);
    }
}
