using Gongkai.Testing.Documents;
using Gongkai.Testing.ReportPages;

namespace Gongkai.Reports.Tests.Documents;

/// <summary>
/// Reports printed to PDF, saved as DOCX and XLSX by the project's own writers from generated report pages, parsed
/// back: the same figures as the page, with the page or cell they came from.
/// </summary>
public sealed class AttachmentReportTests
{
    private readonly ReportParser parser = new();

    public static TheoryData<string, int> Reports => new() { { "2021", 7 }, { "2019", 8 }, { "pre2019", 9 } };

    [Theory]
    [MemberData(nameof(Reports))]
    public void Pdf_gives_the_figures_of_the_page_with_their_pages(string format, int seed)
    {
        var (page, layout, title) = Generate(format, seed);
        var pdf = ReportPdfWriter.Write(layout, title);

        var report = parser.Parse(new ReportSource(pdf) { FileName = "report.pdf" });

        Assert.Equal(SourceTypes.Pdf, report.SourceType);
        AssertFigures(page, report);
        Assert.All(report.Metrics.Values, m => Assert.InRange(m.Provenance.Page ?? 0, 1, 20));
        Assert.Equal(format, report.Format);
        Assert.DoesNotContain(report.Problems, p => p.Code is ProblemCodes.StageFailed or ProblemCodes.TablesMissing);
        Assert.DoesNotContain("第 1 页", report.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Pdf_table_over_two_pages_under_a_repeated_header_is_one_table_beside_the_next()
    {
        // This page's 表三 breaks across pages inside its first part, and the second part (its own column widths)
        // follows on the same page: one table over two pages, then another.
        var page = ReportPageGenerator.Generate("2019", 2004, targetBytes: 61_676);
        var layout = ReportLayout.FromPage(page.Content, page.FileName);
        var pdf = ReportPdfWriter.Write(layout, layout.Blocks[0].Text);

        var report = parser.Parse(new ReportSource(pdf) { FileName = "report.pdf" });

        AssertFigures(page, report);
        var pages = report.Metrics.Values.Where(m => m.Provenance.Table == 1 && m.Provenance.Row is not null).Select(m => m.Provenance.Page).Distinct().ToList();
        Assert.True(pages.Count == 2, $"table 1 on pages {string.Join(", ", pages)}");
        Assert.Single(report.Metrics.Values.Select(m => m.Provenance).Where(p => p.Table == 1 && p.Row is not null && p.RowLabel?.Contains("本年新收", StringComparison.Ordinal) == true).Select(p => p.Row).Distinct());
    }

    [Fact]
    public void Pdf_with_radicals_in_its_text_layer_reads_the_ideographs()
    {
        var (page, layout, title) = Generate("2021", 11);
        var pdf = ReportPdfWriter.Write(layout, title, radicals: true);

        var report = parser.Parse(new ReportSource(pdf) { FileName = "report.pdf" });

        Assert.Contains(report.Problems, p => p.Code == ProblemCodes.RadicalsNormalized);
        Assert.DoesNotContain('\u2F8F', report.Text);
        AssertFigures(page, report);
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public void Docx_gives_the_figures_of_the_page(string format, int seed)
    {
        var (page, layout, title) = Generate(format, seed);
        var docx = ReportDocxWriter.Write(layout, title);

        var report = parser.Parse(new ReportSource(docx) { FileName = "report.docx" });

        Assert.Equal(SourceTypes.Docx, report.SourceType);
        AssertFigures(page, report);
        Assert.Equal(format, report.Format);
    }

    [Fact]
    public void Xlsx_gives_the_table_figures_with_their_cells()
    {
        var (page, layout, title) = Generate("2021", 5);
        var xlsx = ReportXlsxWriter.Write(layout, title);

        var report = parser.Parse(new ReportSource(xlsx) { FileName = "统计表.xlsx" });

        Assert.Equal(SourceTypes.Xlsx, report.SourceType);
        Assert.Equal(page.Figures["requests.new_received"], report.Metrics["requests.new_received"].Value);
        Assert.Equal(page.Figures["proactive.licensing.decisions"], report.Metrics["proactive.licensing.decisions"].Value);
        Assert.Equal(page.Figures["reconsideration.total"], report.Metrics["reconsideration.total"].Value);
        Assert.StartsWith("统计表!", report.Metrics["requests.new_received"].Provenance.Cell, StringComparison.Ordinal);
    }

    private static (GeneratedReport Page, ReportLayout Layout, string Title) Generate(string format, int seed)
    {
        var page = ReportPageGenerator.Generate(format, seed, targetBytes: 20_000);
        var layout = ReportLayout.FromPage(page.Content, page.FileName);
        return (page, layout, layout.Blocks[0].Text);
    }

    private static void AssertFigures(GeneratedReport page, ParsedReport report)
    {
        var wrong = page.Figures
            .Where(f => !report.Metrics.TryGetValue(f.Key, out var m) || m.Value != f.Value)
            .Select(f => $"{f.Key}: expected {f.Value}, got {(report.Metrics.TryGetValue(f.Key, out var m) ? m.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "nothing")}")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong) + "\n" + string.Join("\n", report.Problems.Select(p => p.Code + " " + p.Message)) + "\n" + report.Text);
    }
}
