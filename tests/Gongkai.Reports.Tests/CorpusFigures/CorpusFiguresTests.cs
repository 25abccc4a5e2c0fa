using System.Globalization;

namespace Gongkai.Reports.Tests.CorpusFigures;

/// <summary>
/// Runs the whole parser over the shared corpus of real reports (and the constructed 2021 example) when it sits
/// beside the repository, and checks the figures a careful reader finds in each. Without the corpus it does nothing.
/// </summary>
public sealed class CorpusFiguresTests
{
    private static readonly ReportParser Parser = new();

    public static TheoryData<string> Files { get; } = new()
    {
        "corpus/000_18e10fec7b63ba04.txt",
        "corpus/001_a07cc996f83ef6ff.txt",
        "corpus/002_61bc7f935b97fb5c.txt",
        "corpus/003_b820eed96e50d292.txt",
        "corpus/004_45be4a81e410cd61.txt",
        "examples/2021-tables-word-export.html",
    };

    // What a careful reader finds in each document. Keys not listed must be absent.
    private static readonly Dictionary<string, (string Format, Dictionary<string, decimal> Figures)> Expected = new()
    {
        // 2011 Guangzhou Liwan, Traditional script, narrative only.
        ["corpus/000_18e10fec7b63ba04.txt"] = ("pre2019", new()
        {
            ["proactive.total_items"] = 53476,
            ["requests.new_received"] = 7743,
            ["requests.by_channel.in_person"] = 7740,
            ["requests.by_channel.online"] = 1,
            ["requests.by_channel.mail"] = 2,
            ["requests.processed_total"] = 7723,
            ["requests.granted"] = 7673,
            ["requests.denied_total"] = 2,
            ["requests.not_exist"] = 47,
            ["requests.not_this_agency"] = 1,
            ["consultations.total"] = 1487096,
            ["reconsideration.total"] = 0,
            ["litigation.total"] = 0,
        }),
        // 2013 Qingxin district office: 5 requests (“共受理5起”), no fees, no reconsideration or litigation.
        ["corpus/001_a07cc996f83ef6ff.txt"] = ("pre2019", new()
        {
            ["proactive.total_items"] = 14003,
            ["requests.new_received"] = 5,
            ["consultations.total"] = 10698,
            ["fees.amount_yuan"] = 0,
            ["reconsideration.total"] = 0,
            ["litigation.total"] = 0,
        }),
        // 2011 Jingzhou in an aggregator wrapper: 12.85万条, “1 件”, one reconsideration case.
        ["corpus/002_61bc7f935b97fb5c.txt"] = ("pre2019", new()
        {
            ["proactive.total_items"] = 128500,
            ["requests.new_received"] = 1,
            ["requests.denied_total"] = 1,
            ["reconsideration.total"] = 1,
        }),
        // 2018 Guangzhou data bureau: pinyin artifacts, two mis-decoded labels (“同意公开” 71 placed by position, “非本机关政府信息” 5
        // by the readable end of its label; both by the outcomes adding up to the 89 answered),
        // 行政复议 said to be about 2017, no fees charged.
        ["corpus/003_b820eed96e50d292.txt"] = ("pre2019", new()
        {
            ["proactive.total_items"] = 445,
            ["requests.new_received"] = 89,
            ["requests.by_channel.in_person"] = 58,
            ["requests.by_channel.online"] = 31,
            ["requests.processed_total"] = 89,
            ["requests.already_public"] = 1,
            ["requests.granted"] = 71,
            ["requests.partially_granted"] = 5,
            ["requests.asked_to_amend"] = 7,
            ["requests.not_this_agency"] = 5,
            ["reconsideration.total"] = 9,
            ["reconsideration.upheld"] = 9,
            ["litigation.total"] = 0,
            ["fees.amount_yuan"] = 0,
        }),
        // 2019 Nansha: a text copy that lost its tables; the overview still states the requests.
        ["corpus/004_45be4a81e410cd61.txt"] = ("2019", new()
        {
            ["requests.new_received"] = 964,
            ["requests.by_applicant.natural_person"] = 878,
            ["requests.by_applicant.legal_person"] = 66,
            ["requests.by_applicant.other_org"] = 20,
            ["requests.by_applicant.legal_total"] = 86,
        }),
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Finds_the_figures_a_careful_reader_finds(string file)
    {
        var path = SharedFile(file);
        if (path is null)
        {
            return; // no ../shared beside this checkout
        }

        var report = Parser.Parse(new ReportSource(File.ReadAllBytes(path)) { FileName = Path.GetFileName(path) });
        var actual = report.Metrics.ToDictionary(p => p.Key, p => p.Value.Value);
        var dump = string.Join("\n", actual.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} = {p.Value.ToString(CultureInfo.InvariantCulture)}"))
            + "\n" + string.Join("\n", report.Problems.Select(p => $"{p.Code}: {p.Message}"));

        if (file.StartsWith("examples/", StringComparison.Ordinal))
        {
            CheckExample(report, actual, dump);
            return;
        }

        var (format, figures) = Expected[file];
        Assert.True(format == report.Format, $"format {report.Format}\n{dump}");
        foreach (var (key, value) in figures)
        {
            Assert.True(actual.TryGetValue(key, out var found) && found == value, $"{key}: expected {value}, found {(actual.ContainsKey(key) ? found : "nothing")}\n{dump}");
        }

        var unexpected = actual.Keys.Except(figures.Keys).ToList();
        Assert.True(unexpected.Count == 0, $"unexpected figures: {string.Join(", ", unexpected)}\n{dump}");
        Assert.DoesNotContain(report.Problems, p => p.Code.StartsWith("check.", StringComparison.Ordinal) || p.Code == ProblemCodes.FiguresConflict);

        switch (file)
        {
            case "corpus/002_61bc7f935b97fb5c.txt":
                var items = report.Metrics["proactive.total_items"].Provenance;
                Assert.Equal(10000m, items.Multiplier);
                Assert.Equal("万条", items.Unit);
                break;
            case "corpus/003_b820eed96e50d292.txt":
                Assert.Contains(report.Problems, p => p.Code == ProblemCodes.FiguresYearMismatch && p.Key == "reconsideration.total");
                break;
            case "corpus/004_45be4a81e410cd61.txt":
                Assert.Equal(3, report.Problems.Count(p => p.Code == ProblemCodes.TablesMissing));
                break;
            default:
                break;
        }
    }

    private static void CheckExample(ParsedReport report, Dictionary<string, decimal> actual, string dump)
    {
        Assert.True(report.Format == "2021", dump);
        var expected = new Dictionary<string, decimal>
        {
            ["requests.new_received"] = 108,
            ["requests.carried_over"] = 4,
            ["requests.processed_total"] = 105,
            ["requests.carried_forward"] = 7,
            ["requests.new_received:natural_person"] = 91,
            ["requests.carried_over:natural_person"] = 4,
            ["requests.processed_total:natural_person"] = 89,
            ["requests.carried_forward:natural_person"] = 6,
            ["reconsideration.upheld"] = 3,
            ["reconsideration.corrected"] = 1,
            ["reconsideration.other"] = 0,
            ["reconsideration.pending"] = 1,
            ["reconsideration.total"] = 5,
            ["litigation.direct.upheld"] = 2,
            ["litigation.direct.corrected"] = 0,
            ["litigation.direct.other"] = 1,
            ["litigation.direct.pending"] = 0,
            ["litigation.direct.total"] = 3,
            ["litigation.after_reconsideration.upheld"] = 1,
            ["litigation.after_reconsideration.corrected"] = 0,
            ["litigation.after_reconsideration.other"] = 0,
            ["litigation.after_reconsideration.pending"] = 1,
            ["litigation.after_reconsideration.total"] = 2,
            ["litigation.total"] = 5,
            ["proactive.licensing.decisions"] = 1286,
            ["proactive.fees.amount_wan_yuan"] = 12.36m,
        };
        foreach (var (key, value) in expected)
        {
            Assert.True(actual.TryGetValue(key, out var found) && found == value, $"{key}: expected {value}, found {(actual.ContainsKey(key) ? found : "nothing")}\n{dump}");
        }

        // Every row of 表三 in all seven columns.
        Assert.Equal(29 * 7, actual.Keys.Count(k => k.StartsWith("requests.", StringComparison.Ordinal) && (k.Contains(':', StringComparison.Ordinal) || true) && !k.StartsWith("requests.by_applicant", StringComparison.Ordinal) && k != "requests.not_exist"));
        Assert.DoesNotContain(report.Problems, p => p.Code.StartsWith("check.", StringComparison.Ordinal) || p.Code.StartsWith("figures.", StringComparison.Ordinal) || p.Code == ProblemCodes.TablesMissing);
    }

    /// <summary>The shared file beside the repository root (the folder holding Functions.sln), or null.</summary>
    private static string? SharedFile(string relative)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Functions.sln")))
        {
            directory = directory.Parent;
        }

        if (directory?.Parent is null)
        {
            return null;
        }

        var path = Path.Combine(directory.Parent.FullName, "shared", relative);
        return File.Exists(path) ? path : null;
    }
}
