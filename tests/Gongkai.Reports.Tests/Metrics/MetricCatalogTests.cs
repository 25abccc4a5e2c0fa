namespace Gongkai.Reports.Tests.Metrics;

public sealed class MetricCatalogTests
{
    [Theory]
    [InlineData("proactive.total_items")]
    [InlineData("proactive.rules.issued")]
    [InlineData("proactive.normative_docs.in_force")]
    [InlineData("proactive.licensing.decisions")]
    [InlineData("proactive.fees.amount_wan_yuan")]
    [InlineData("requests.new_received")]
    [InlineData("requests.new_received:natural_person")]
    [InlineData("requests.granted:legal_services")]
    [InlineData("requests.denied.state_secret:other_org")]
    [InlineData("requests.other.unpaid_fees:commercial")]
    [InlineData("requests.processed_total:legal_total")]
    [InlineData("requests.carried_forward")]
    [InlineData("requests.by_applicant.natural_person")]
    [InlineData("requests.by_applicant.legal_total")]
    [InlineData("requests.already_public")]
    [InlineData("requests.not_this_agency")]
    [InlineData("reconsideration.pending")]
    [InlineData("litigation.total")]
    [InlineData("litigation.direct.upheld")]
    [InlineData("litigation.after_reconsideration.total")]
    [InlineData("fees.amount_yuan")]
    [InlineData("consultations.total")]
    public void Has_every_canonical_key(string key)
    {
        var definition = MetricCatalog.Find(key);

        Assert.NotNull(definition);
        Assert.False(string.IsNullOrWhiteSpace(definition.LabelZh));
        Assert.False(string.IsNullOrWhiteSpace(definition.LabelEn));
    }

    [Fact]
    public void Covers_every_table3_row_in_every_applicant_column()
    {
        var rows = MetricCatalog.All.Where(d => d.Key.StartsWith("requests.", StringComparison.Ordinal) && d.Key.EndsWith(":natural_person", StringComparison.Ordinal)).ToList();

        Assert.Equal(29, rows.Count); // 一, 二, （一）–（六） with their 19 sub-rows, （七）, 四
        foreach (var row in rows)
        {
            var bare = row.Key[..row.Key.IndexOf(':')];
            foreach (var suffix in new[] { "commercial", "research", "social_welfare", "legal_services", "other_org", "legal_total" })
            {
                Assert.NotNull(MetricCatalog.Find(bare + ":" + suffix));
            }
        }
    }

    [Fact]
    public void Keys_are_unique_and_units_known()
    {
        Assert.Equal(MetricCatalog.All.Count, MetricCatalog.All.Select(d => d.Key).Distinct().Count());
        Assert.All(MetricCatalog.All, d => Assert.Contains(d.Unit, new[] { "items", "requests", "cases", "person_times", "yuan", "wan_yuan" }));
        Assert.Equal("yuan", MetricCatalog.Find("fees.amount_yuan")!.Unit);
        Assert.Null(MetricCatalog.Find("requests.nonsense"));
    }
}
