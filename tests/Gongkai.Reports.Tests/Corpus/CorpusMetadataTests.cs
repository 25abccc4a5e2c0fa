using Gongkai.Reports.Tests.Text;

namespace Gongkai.Reports.Tests.Corpus;

/// <summary>
/// The text side's reading of the shared corpus of real reports (../shared/corpus beside the repository; CI has
/// it, a bare clone does not and then these tests have nothing to check). GONGKAI_CORPUS_DIR points elsewhere.
/// Expectations are what a careful reader finds in each document.
/// </summary>
public sealed class CorpusMetadataTests
{
    public sealed record Expectation(
        string File,
        string? Agency,
        string? AgencyAsWritten,
        ReportRegion Region,
        int? Year,
        DateOnly? PublishedOn,
        string? Format,
        string Script,
        string? Title,
        string[] Sections);

    public static TheoryData<string> Files => new(Expectations.Select(e => e.File));

    private static readonly Expectation[] Expectations =
    [
        new("000_18e10fec7b63ba04.txt", "广州市荔湾区人民政府", "廣州市荔灣區人民政府", new("广东省", "广州市", "荔湾区"), 2011, null,
            ReportFormats.Pre2019, ReportScripts.Traditional, "2011年廣州市荔灣區人民政府信息公開年度報告",
            ["overview", "proactive", "requests", "consultations", "review_litigation", "problems", "other"]),
        new("001_a07cc996f83ef6ff.txt", "清远市清新区人民政府办公室", "清远市清新区人民政府办公室", new("广东省", "清远市", "清新区"), 2013, null,
            ReportFormats.Pre2019, ReportScripts.Simplified, "清远市清新区人民政府办公室2013年政府信息公开工作年度报告",
            ["overview", "proactive", "requests", "fees", "review_litigation", "problems"]),
        new("002_61bc7f935b97fb5c.txt", "荆州市人民政府", "荆州市政府", new("湖北省", "荆州市", null), 2011, null,
            ReportFormats.Pre2019, ReportScripts.Simplified, "荆州市2011年政府信息公开年度报告",
            ["overview", "proactive", "other", "review_litigation", "problems"]),
        new("003_b820eed96e50d292.txt", "广州市政务服务数据管理局", "廣州市政務服務數據管理局", new("广东省", "广州市", null), 2018, new DateOnly(2018, 2, 21),
            ReportFormats.Pre2019, ReportScripts.Traditional, null,
            ["overview", "proactive", "requests", "fees", "review_litigation", "problems"]),
        new("004_45be4a81e410cd61.txt", "广州市南沙区人民政府", "广州市南沙区人民政府", new("广东省", "广州市", "南沙区"), 2019, new DateOnly(2020, 2, 10),
            ReportFormats.Format2019, ReportScripts.Simplified, null,
            ["overview", "proactive", "requests", "review_litigation", "problems", "other"]),
    ];

    private static string? CorpusDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("GONGKAI_CORPUS_DIR");
        var directory = string.IsNullOrEmpty(configured)
            ? Path.GetFullPath(Path.Combine(TextFixtures.RepositoryRoot, "..", "shared", "corpus"))
            : configured;
        return Directory.Exists(directory) ? directory : null;
    }

    private static ParsedReport? Parse(string file)
    {
        var directory = CorpusDirectory();
        var path = directory is null ? null : Path.Combine(directory, file);
        return path is null || !File.Exists(path)
            ? null
            : new ReportParser().Parse(new ReportSource(File.ReadAllBytes(path)) { FileName = file });
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Metadata_matches_a_careful_reading(string file)
    {
        var report = Parse(file);
        if (report is null)
        {
            return;
        }

        var expected = Expectations.Single(e => e.File == file);
        Assert.Equal(expected.Agency, report.Agency);
        Assert.Equal(expected.AgencyAsWritten, report.AgencyAsWritten);
        Assert.Equal(expected.Region, report.Region);
        Assert.Equal(expected.Year, report.ReportYear);
        Assert.Equal(expected.PublishedOn, report.PublishedOn);
        Assert.Equal(expected.Format, report.Format);
        Assert.Equal(expected.Script, report.Script);
        Assert.Equal(expected.Title, report.Title);
        Assert.Equal(expected.Sections, report.Sections.Select(s => s.Kind).ToArray());
        Assert.DoesNotContain(report.Problems, p => p.Code == ProblemCodes.StageFailed);
        foreach (var section in report.Sections)
        {
            Assert.StartsWith(section.Heading, report.Text[section.Start..section.End], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Aggregator_and_portal_chrome_is_not_part_of_any_report()
    {
        foreach (var expectation in Expectations)
        {
            var report = Parse(expectation.File);
            if (report is null)
            {
                return;
            }

            foreach (var chrome in new[] { "相關詞條", "熱門詞條", "生活百科", "基本介绍", "掃碼", "您现在的位置", "字号", "版权所有", "ICP备", "Copyright" })
            {
                Assert.DoesNotContain(chrome, report.Text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Guangzhou_data_bureau_report_has_its_damage_and_conflicts_flagged()
    {
        var report = Parse("003_b820eed96e50d292.txt");
        if (report is null)
        {
            return;
        }

        Assert.DoesNotContain("(jù)", report.Text, StringComparison.Ordinal);
        Assert.StartsWith("(2018年2月21日)\n根據《中華人民共和國政府信息公開條例》的規定,現公布", report.Text, StringComparison.Ordinal);
        Assert.Contains(report.Problems, p => p.Code == ProblemCodes.PinyinArtifacts);
        var damaged = report.Problems.Where(p => p.Code == ProblemCodes.TextMisdecoded).ToList();
        Assert.Equal(2, damaged.Count);
        Assert.StartsWith("?!巴夤_", report.Text[damaged[0].Start!.Value..damaged[0].End!.Value], StringComparison.Ordinal);
        Assert.StartsWith("?!胺潜緳", report.Text[damaged[1].Start!.Value..damaged[1].End!.Value], StringComparison.Ordinal);
        var conflict = Assert.Single(report.Problems, p => p.Code == ProblemCodes.YearConflict);
        Assert.Equal("2018年2月21日", report.Text[conflict.Start!.Value..conflict.End!.Value]);
    }
}
