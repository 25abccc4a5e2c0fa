using Gongkai.Reports.Tests.Metrics;

namespace Gongkai.Reports.Tests.Checks;

public sealed class NarrativeRecoveryTests
{
    // The labels of two outcomes reached us mis-decoded (“同意公开” and “不予公开” read with the wrong charset).
    private const string Answers =
        "答复政府信息公开申请50宗，其中属已主动公开范围的4宗，占8%。?!巴夤_”的38宗，占总数的76%。“同意部分公开”3宗。?胺潜緳C的2宗。需要补正后公开的3宗。";

    private static ReportDocument Build(string answers)
    {
        var builder = new DocumentBuilder { Year = 2017 }
            .Section("requests", "三、依申请公开政府信息情况")
            .Line("2017年共受理政府信息公开申请50宗。")
            .Line(answers);
        var document = builder.Build();
        var problems = new List<ReportProblem>();
        foreach (var garbled in new[] { "?!巴夤_”", "?胺潜緳C" })
        {
            var at = document.Text.IndexOf(garbled, StringComparison.Ordinal);
            if (at >= 0)
            {
                problems.Add(new ReportProblem("text.misdecoded", "mis-decoded") { Start = at, End = at + garbled.Length });
            }
        }

        return new ReportDocument
        {
            Text = document.Text,
            MatchText = document.MatchText,
            Sections = document.Sections,
            ReportYear = document.ReportYear,
            Problems = problems,
        };
    }

    [Fact]
    public void Places_a_mis_decoded_outcome_when_its_position_and_the_total_settle_it()
    {
        var result = MetricExtractor.Extract(Build(Answers));

        var granted = result.Metrics["requests.granted"];
        Assert.Equal(38m, granted.Value);
        Assert.Equal("recovered", granted.Provenance.Kind);
        Assert.Contains("同意公开", granted.Provenance.Note, StringComparison.Ordinal);
        Assert.Contains(result.Problems, p => p.Code == ProblemCodes.FiguresRecovered && p.Key == "requests.granted");

        // The second lies between 同意部分公开 and 补正: 不同意公开, 非本机关 or 不存在 — not settled.
        Assert.False(result.Metrics.ContainsKey("requests.denied_total"));
        Assert.False(result.Metrics.ContainsKey("requests.not_this_agency"));
        var damaged = Assert.Single(result.Problems, p => p.Code == ProblemCodes.FiguresDamaged);
        Assert.Contains("requests.denied_total", damaged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Places_a_mis_decoded_outcome_whose_readable_words_end_one_label()
    {
        // Between 同意部分公开 and 补正 three outcomes are possible, but the label's end survived: 关政府信息.
        var result = MetricExtractor.Extract(Build(Answers.Replace("?胺潜緳C的2宗", "?胺潜緳C关政府信息”的2宗", StringComparison.Ordinal)));

        var notThisAgency = result.Metrics["requests.not_this_agency"];
        Assert.Equal(2m, notThisAgency.Value);
        Assert.Equal("recovered", notThisAgency.Provenance.Kind);
        Assert.Contains("非本机关政府信息", notThisAgency.Provenance.Note, StringComparison.Ordinal);
        Assert.Equal(38m, result.Metrics["requests.granted"].Value);
        Assert.DoesNotContain(result.Problems, p => p.Code == ProblemCodes.FiguresDamaged);
    }

    [Fact]
    public void Does_not_place_a_figure_when_the_outcomes_do_not_add_up()
    {
        var result = MetricExtractor.Extract(Build(Answers.Replace("需要补正后公开的3宗", "需要补正后公开的4宗", StringComparison.Ordinal)));

        Assert.False(result.Metrics.ContainsKey("requests.granted"));
        Assert.Equal(2, result.Problems.Count(p => p.Code == ProblemCodes.FiguresDamaged));
    }

    [Fact]
    public void Reads_traditional_forms_the_text_side_leaves_as_written()
    {
        // 復 and 覆 have no single Simplified form in general, so the match text keeps them.
        const string line = "本單位發生行政復議案3宗，已經答覆的申請12件。";
        const string match = "本单位发生行政復议案3宗，已经答覆的申请12件。";
        var doc = new DocumentBuilder { Year = 2016 }.Line(line, match).Build();

        var metrics = MetricExtractor.Extract(doc).Metrics;

        Assert.Equal(3m, metrics["reconsideration.total"].Value);
        Assert.Equal(12m, metrics["requests.processed_total"].Value);
    }
}
