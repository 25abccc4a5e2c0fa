using System.Globalization;
using static Gongkai.Reports.Tests.Text.TextFixtures;

namespace Gongkai.Reports.Tests.Metrics;

/// <summary>
/// Text copies of 2019+ reports whose tables arrived as lines: every cell on its own line (a PDF or web copy), and
/// one table row per line with the header flattened from merged rows (a Word table pasted as text). The tables are
/// rebuilt from the lines and read like markup tables: 表二, 表三 and 表四 in full.
/// </summary>
public sealed class TextCopyTests
{
    [Fact]
    public void A_cell_per_line_copy_gives_every_table_figure()
    {
        var report = Parse(Bytes("cell-per-line-2022.txt"), "cell-per-line-2022.txt");

        Assert.Equal("2021", report.Format);
        Assert.Equal(new ReportRegion("湖南省", "常德市", "石门县"), report.Region);
        AssertFigures(report, new Dictionary<string, decimal>
        {
            ["fees.amount_yuan"] = 0m,
            ["litigation.after_reconsideration.corrected"] = 0m,
            ["litigation.after_reconsideration.other"] = 0m,
            ["litigation.after_reconsideration.pending"] = 0m,
            ["litigation.after_reconsideration.total"] = 1m,
            ["litigation.after_reconsideration.upheld"] = 1m,
            ["litigation.corrected"] = 0m,
            ["litigation.direct.corrected"] = 0m,
            ["litigation.direct.other"] = 0m,
            ["litigation.direct.pending"] = 1m,
            ["litigation.direct.total"] = 1m,
            ["litigation.direct.upheld"] = 0m,
            ["litigation.other"] = 0m,
            ["litigation.pending"] = 1m,
            ["litigation.total"] = 2m,
            ["litigation.upheld"] = 1m,
            ["proactive.enforcement.decisions"] = 4m,
            ["proactive.fees.amount_wan_yuan"] = 36.5m,
            ["proactive.licensing.decisions"] = 245m,
            ["proactive.normative_docs.in_force"] = 17m,
            ["proactive.normative_docs.issued"] = 3m,
            ["proactive.normative_docs.repealed"] = 1m,
            ["proactive.penalties.decisions"] = 88m,
            ["proactive.rules.in_force"] = 0m,
            ["proactive.rules.issued"] = 0m,
            ["proactive.rules.repealed"] = 0m,
            ["reconsideration.corrected"] = 0m,
            ["reconsideration.other"] = 0m,
            ["reconsideration.pending"] = 1m,
            ["reconsideration.total"] = 2m,
            ["reconsideration.upheld"] = 1m,
            ["requests.by_applicant.legal_total"] = 4m,
            ["requests.by_applicant.natural_person"] = 12m,
            ["requests.carried_forward"] = 1m,
            ["requests.carried_over"] = 1m,
            ["requests.denied.administrative_query"] = 0m,
            ["requests.denied.enforcement_files"] = 0m,
            ["requests.denied.internal_affairs"] = 0m,
            ["requests.denied.process_info"] = 0m,
            ["requests.denied.prohibited_by_law"] = 0m,
            ["requests.denied.security_stability"] = 0m,
            ["requests.denied.state_secret"] = 0m,
            ["requests.denied.third_party_rights"] = 1m,
            ["requests.denied_total"] = 1m,
            ["requests.granted"] = 8m,
            ["requests.new_received"] = 16m,
            ["requests.not_exist"] = 4m,
            ["requests.not_processed.complaints"] = 1m,
            ["requests.not_processed.confirmation"] = 0m,
            ["requests.not_processed.excessive"] = 0m,
            ["requests.not_processed.publications"] = 0m,
            ["requests.not_processed.repeated"] = 0m,
            ["requests.not_processed_total"] = 1m,
            ["requests.other.no_correction"] = 1m,
            ["requests.other.other"] = 0m,
            ["requests.other.unpaid_fees"] = 0m,
            ["requests.other_total"] = 1m,
            ["requests.partially_granted"] = 1m,
            ["requests.processed_total"] = 16m,
            ["requests.unable.needs_creation"] = 0m,
            ["requests.unable.not_held"] = 4m,
            ["requests.unable.unclear"] = 0m,
            ["requests.unable_to_provide_total"] = 4m,
        });
        Assert.Equal(12m, report.Metrics["requests.new_received:natural_person"].Value);
        Assert.Equal(3m, report.Metrics["requests.new_received:commercial"].Value);
        Assert.Equal(1m, report.Metrics["requests.unable.not_held:legal_services"].Value);
        Assert.Equal(1m, report.Metrics["requests.carried_forward:natural_person"].Value);
        var cell = report.Metrics["proactive.normative_docs.in_force"].Provenance;
        Assert.Equal("table", cell.Kind);
        Assert.Equal("行政规范性文件", cell.RowLabel);
        Assert.Equal("现行有效件数", cell.ColumnLabel);
        Assert.Equal("万元", report.Metrics["proactive.fees.amount_wan_yuan"].Provenance.Unit);
        Assert.Empty(report.Problems);
    }

    [Fact]
    public void A_row_per_line_copy_with_a_flattened_header_gives_every_table_figure()
    {
        var report = Parse(Bytes("row-per-line-2020.txt"), "row-per-line-2020.txt");

        Assert.Equal("2019", report.Format);
        AssertFigures(report, new Dictionary<string, decimal>
        {
            ["litigation.after_reconsideration.corrected"] = 0m,
            ["litigation.after_reconsideration.other"] = 0m,
            ["litigation.after_reconsideration.pending"] = 0m,
            ["litigation.after_reconsideration.total"] = 0m,
            ["litigation.after_reconsideration.upheld"] = 0m,
            ["litigation.corrected"] = 1m,
            ["litigation.direct.corrected"] = 1m,
            ["litigation.direct.other"] = 0m,
            ["litigation.direct.pending"] = 0m,
            ["litigation.direct.total"] = 1m,
            ["litigation.direct.upheld"] = 0m,
            ["litigation.other"] = 0m,
            ["litigation.pending"] = 0m,
            ["litigation.total"] = 1m,
            ["litigation.upheld"] = 0m,
            ["proactive.enforcement.decisions"] = 3m,
            ["proactive.enforcement.items"] = 2m,
            ["proactive.enforcement.items_change"] = 0m,
            ["proactive.fees.items"] = 1m,
            ["proactive.fees.items_change"] = 0m,
            ["proactive.licensing.decisions"] = 312m,
            ["proactive.licensing.items"] = 14m,
            ["proactive.licensing.items_change"] = 1m,
            ["proactive.normative_docs.in_force"] = 9m,
            ["proactive.normative_docs.issued"] = 2m,
            ["proactive.normative_docs.published"] = 2m,
            ["proactive.other_services.decisions"] = 27m,
            ["proactive.other_services.items"] = 3m,
            ["proactive.other_services.items_change"] = 0m,
            ["proactive.penalties.decisions"] = 41m,
            ["proactive.penalties.items"] = 22m,
            ["proactive.penalties.items_change"] = -2m,
            ["proactive.procurement.amount_wan_yuan"] = 86.4m,
            ["proactive.procurement.items"] = 5m,
            ["proactive.rules.in_force"] = 0m,
            ["proactive.rules.issued"] = 0m,
            ["proactive.rules.published"] = 0m,
            ["reconsideration.corrected"] = 0m,
            ["reconsideration.other"] = 0m,
            ["reconsideration.pending"] = 0m,
            ["reconsideration.total"] = 0m,
            ["reconsideration.upheld"] = 0m,
            ["requests.by_applicant.legal_total"] = 3m,
            ["requests.by_applicant.natural_person"] = 9m,
            ["requests.carried_forward"] = 0m,
            ["requests.carried_over"] = 0m,
            ["requests.denied.administrative_query"] = 0m,
            ["requests.denied.enforcement_files"] = 0m,
            ["requests.denied.internal_affairs"] = 0m,
            ["requests.denied.process_info"] = 1m,
            ["requests.denied.prohibited_by_law"] = 0m,
            ["requests.denied.security_stability"] = 0m,
            ["requests.denied.state_secret"] = 0m,
            ["requests.denied.third_party_rights"] = 0m,
            ["requests.denied_total"] = 1m,
            ["requests.granted"] = 7m,
            ["requests.new_received"] = 12m,
            ["requests.not_exist"] = 3m,
            ["requests.not_processed.complaints"] = 0m,
            ["requests.not_processed.confirmation"] = 0m,
            ["requests.not_processed.excessive"] = 0m,
            ["requests.not_processed.publications"] = 0m,
            ["requests.not_processed.repeated"] = 0m,
            ["requests.not_processed_total"] = 0m,
            ["requests.other_total"] = 0m,
            ["requests.partially_granted"] = 1m,
            ["requests.processed_total"] = 12m,
            ["requests.unable.needs_creation"] = 0m,
            ["requests.unable.not_held"] = 3m,
            ["requests.unable.unclear"] = 0m,
            ["requests.unable_to_provide_total"] = 3m,
        });
        Assert.Equal(9m, report.Metrics["requests.new_received:natural_person"].Value);
        Assert.Equal(2m, report.Metrics["requests.new_received:commercial"].Value);
        Assert.Equal(1m, report.Metrics["requests.new_received:other_org"].Value);
        Assert.Equal(0m, report.Metrics["requests.new_received:legal_services"].Value);
        Assert.Equal("处理决定数量", report.Metrics["proactive.licensing.decisions"].Provenance.ColumnLabel);
        Assert.Empty(report.Problems);
    }

    /// <summary>The bare (总计) figures are exactly these; applicant columns are checked one by one.</summary>
    private static void AssertFigures(ParsedReport report, Dictionary<string, decimal> expected)
    {
        var actual = report.Metrics.Where(p => !p.Key.Contains(':', StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value.Value);
        var dump = string.Join("\n", actual.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} = {p.Value.ToString(CultureInfo.InvariantCulture)}"))
            + "\n" + string.Join("\n", report.Problems.Select(p => $"{p.Code}: {p.Message}"));
        foreach (var (key, value) in expected)
        {
            Assert.True(actual.TryGetValue(key, out var found) && found == value, $"{key}: expected {value}, found {(actual.ContainsKey(key) ? found : "nothing")}\n{dump}");
        }

        var unexpected = actual.Keys.Except(expected.Keys).ToList();
        Assert.True(unexpected.Count == 0, $"unexpected figures: {string.Join(", ", unexpected)}\n{dump}");
    }
}
