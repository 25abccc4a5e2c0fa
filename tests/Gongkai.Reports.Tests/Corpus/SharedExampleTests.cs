using Gongkai.Reports.Tests.Text;

namespace Gongkai.Reports.Tests.Corpus;

/// <summary>
/// The shared 2021 example (../shared/examples beside the repository; a bare clone has none and then these tests have
/// nothing to check) in its three shapes: the Word-exported HTML tables, the same report flattened onto one line
/// with its cells run together, and the same report as page text with <c>|</c> tables. Every shape must give the HTML's
/// figures; the text shapes carry the title and author the HTML fragment lacks.
/// </summary>
public sealed class SharedExampleTests
{
    private const string Html = "2021-tables-word-export.html";
    private const string Flattened = "2021-tables-flattened.txt";
    private const string AsText = "2021-tables-as-text.txt";

    // Section 六 (本年度未收取信息处理费) is in the text shapes only: the HTML file holds the tables' sections.
    private static readonly string[] TextOnly = ["fees.amount_yuan"];

    [Fact]
    public void The_flattened_shape_gives_the_html_figures_or_names_the_row_it_cannot_cut()
    {
        var html = Parse(Html);
        var flattened = Parse(Flattened);
        if (html is null || flattened is null)
        {
            return;
        }

        Assert.True(html.Metrics.Count > 200);
        foreach (var (key, metric) in html.Metrics)
        {
            if (flattened.Metrics.TryGetValue(key, out var recovered))
            {
                Assert.Equal(metric.Value, recovered.Value);
            }
            else
            {
                // 行政规范性文件7341 is 7|3|41 or 7|34|1: the report states nothing that tells them apart.
                Assert.StartsWith("proactive.normative_docs.", key, StringComparison.Ordinal);
                Assert.Contains(flattened.Problems, p => p.Code == ProblemCodes.FiguresSplitAmbiguous && p.Message.Contains("行政规范性文件", StringComparison.Ordinal));
            }
        }

        Assert.Empty(flattened.Metrics.Keys.Except(html.Metrics.Keys).Except(TextOnly));
        Assert.Equal(3, html.Metrics.Keys.Except(flattened.Metrics.Keys).Count());
    }

    [Fact]
    public void The_flattened_shape_has_the_reports_title_author_and_date()
    {
        var flattened = Parse(Flattened);
        if (flattened is null)
        {
            return;
        }

        Assert.Equal("东江市青石区人民政府2021年政府信息公开工作年度报告", flattened.Title);
        Assert.Equal("东江市青石区人民政府", flattened.Agency);
        Assert.Equal(2021, flattened.ReportYear);
        Assert.Equal(new DateOnly(2022, 1, 28), flattened.PublishedOn);
        Assert.Equal(["overview", "proactive", "requests", "review_litigation", "problems", "other"], TextFixtures.Kinds(flattened));
    }

    [Fact]
    public void The_page_text_shape_gives_every_html_figure()
    {
        var html = Parse(Html);
        var text = Parse(AsText);
        if (html is null || text is null)
        {
            return;
        }

        foreach (var (key, metric) in html.Metrics)
        {
            Assert.True(text.Metrics.TryGetValue(key, out var read), key);
            Assert.Equal(metric.Value, read.Value);
        }

        Assert.Empty(text.Metrics.Keys.Except(html.Metrics.Keys).Except(TextOnly));
        Assert.DoesNotContain(text.Problems, p => p.Code is ProblemCodes.FiguresConflict or ProblemCodes.TablesMissing || p.Code.StartsWith("check.", StringComparison.Ordinal));
    }

    [Fact]
    public void The_page_text_shape_has_the_reports_title_and_author_not_its_publisher()
    {
        var text = Parse(AsText);
        if (text is null)
        {
            return;
        }

        // Not 市政府办 (发布机构), not the 办公室 of 信息来源 or of the contact sentence, never the breadcrumb.
        Assert.Equal("东江市青石区人民政府2021年政府信息公开工作年度报告", text.Title);
        Assert.Equal("东江市青石区人民政府", text.Agency);
        Assert.Equal(2021, text.ReportYear);
        Assert.Equal(new DateOnly(2022, 1, 28), text.PublishedOn);
        Assert.DoesNotContain("比分直播", text.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("索 引 号", text.Text, StringComparison.Ordinal);
    }

    internal static ParsedReport? Parse(string file)
    {
        var configured = Environment.GetEnvironmentVariable("GONGKAI_EXAMPLES_DIR");
        var directory = string.IsNullOrEmpty(configured)
            ? Path.GetFullPath(Path.Combine(TextFixtures.RepositoryRoot, "..", "shared", "examples"))
            : configured;
        var path = Path.Combine(directory, file);
        return File.Exists(path) ? new ReportParser().Parse(new ReportSource(File.ReadAllBytes(path)) { FileName = file }) : null;
    }
}
