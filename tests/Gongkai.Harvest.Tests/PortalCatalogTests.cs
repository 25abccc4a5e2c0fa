using Gongkai.Harvest.Portals;
using Gongkai.Testing;

namespace Gongkai.Harvest.Tests;

public sealed class PortalCatalogTests
{
    [Fact]
    public void Shipped_portals_file_loads_the_corpus_agencies()
    {
        var catalog = PortalCatalogLoader.LoadFile(Path.Combine(RepositoryRoot.Find(), "portals.json"));
        Assert.Equal(["gz-liwan", "qy-qingxin", "jingzhou", "gz-zwfw", "gz-nansha"], catalog.Portals.Select(p => p.Id));
        Assert.All(catalog.Portals, p => Assert.False(p.AllowPrivateNetworks));
        Assert.Contains("www.gzzwb.gov.cn", catalog.Find("gz-zwfw")!.AllowedHosts);
    }

    [Fact]
    public void Shipped_portals_file_is_copied_next_to_the_binaries()
    {
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "portals.json")));
    }

    [Fact]
    public void Demo_portals_file_points_at_the_sample_portal_and_opts_in_to_loopback_only()
    {
        var catalog = PortalCatalogLoader.LoadFile(Path.Combine(RepositoryRoot.Find(), "samples", "portals.demo.json"));
        var portal = Assert.Single(catalog.Portals);
        Assert.True(portal.AllowPrivateNetworks);
        Assert.Equal("127.0.0.0/8", Assert.Single(portal.AllowedPrivateNetworks).ToString());
        Assert.Equal(2, portal.StartUrls.Count);
    }

    [Fact]
    public void Defaults_fill_in_hosts_links_pagination_and_attachments()
    {
        var catalog = PortalCatalogLoader.Parse("""{ "portals": [ { "id": "a1", "name": "A", "startUrls": ["https://www.a.gov.cn/zwgk/nb/"] } ] }""", "test", defaultMaxPages: 7);
        var portal = catalog.Find("a1")!;
        Assert.Equal(["www.a.gov.cn"], portal.AllowedHosts);
        Assert.Equal(7, portal.Pagination.MaxPages);
        Assert.True(portal.Pagination.FollowScriptPages);
        Assert.True(portal.Attachments.Enabled);
        Assert.Contains("wps", portal.Attachments.Extensions);
        Assert.Same(ReportLinkRules.Default, portal.Links);
        Assert.Null(catalog.Find("nope"));
    }

    [Theory]
    [InlineData("""{ "portals": [ { "id": "Bad_Id", "name": "x", "startUrls": ["https://a.cn/"] } ] }""", "entry 1 ('Bad_Id')", "lower-case")]
    [InlineData("""{ "portals": [ { "id": "ok", "name": "x", "startUrls": ["ftp://a.cn/"] } ] }""", "entry 1 ('ok')", "not an absolute http or https URL")]
    [InlineData("""{ "portals": [ { "id": "ok", "name": "x", "startUrls": [] } ] }""", "entry 1 ('ok')", "at least one URL")]
    [InlineData("""{ "portals": [ { "id": "ok", "name": "x", "startUrls": ["https://a.cn/"], "links": { "dataFields": {} } } ] }""", "links.dataFields", "at least one of title, url, date")]
    [InlineData("""{ "portals": [ { "id": "ok", "name": "x", "startUrls": ["https://a.cn/"], "links": { "dataFields": { "url": "doc url" } } } ] }""", "links.dataFields", "'doc url' is not a field name")]
    [InlineData("""{ "portals": [ { "id": "ok", "name": "", "startUrls": ["https://a.cn/"] } ] }""", "entry 1 ('ok')", "name is required")]
    [InlineData("""{ "portals": [ { "id": "ok", "name": "x", "startUrls": ["https://a.cn/"], "links": { "include": ["(unclosed"] } } ] }""", "entry 1 ('ok')", "not a valid regular expression")]
    [InlineData("""{ "portals": [ { "id": "ok", "name": "x", "startUrls": ["https://a.cn/"] }, { "id": "ok", "name": "y", "startUrls": ["https://b.cn/"] } ] }""", "entry 2 ('ok')", "used by an earlier entry")]
    [InlineData("""{ "portals": [ { "id": "ok", "name": "x", "startUrls": ["https://a.cn/"], "allowedHosts": ["b.cn"] } ] }""", "entry 1 ('ok')", "which allowedHosts does not list")]
    [InlineData("""{ "portals": [ { "id": "ok", "name": "x", "startUrls": ["https://a.cn/"], "politeness": { "concurrency": 0 } } ] }""", "entry 1 ('ok')", "politeness.concurrency")]
    [InlineData("""{ "portals": [ { "id": "ok", "name": "x", "startUrls": ["https://a.cn/"], "allowedPrivateNetworks": ["10.0.0.0/8"] } ] }""", "entry 1 ('ok')", "allowPrivateNetworks is not true")]
    [InlineData("""{ "portals": [ { "id": "ok", "name": "x", "startUrls": ["https://a.cn/"], "pagination": { "urlTemplate": "https://a.cn/list" } } ] }""", "entry 1 ('ok')", "must contain {page}")]
    [InlineData("""{ "portals": [ { "id": "ok", "name": "x", "startUrls": ["https://a.cn/"], "startUrl": "typo" } ] }""", "portals file 'test'", "startUrl")]
    [InlineData("""{ "sites": [] }""", "portals file 'test'", "sites")]
    [InlineData("""{ }""", "portals file 'test'", "no \"portals\" array")]
    public void A_bad_entry_fails_with_its_id_and_the_reason(string json, string where, string reason)
    {
        var e = Assert.Throws<PortalConfigurationException>(() => PortalCatalogLoader.Parse(json, "test"));
        Assert.Contains(where, e.Message);
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void Options_validation_at_startup_names_the_bad_portal_entry()
    {
        var e = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            HarvestHost.Create("""{ "portals": [ { "id": "broken-one", "name": "x", "startUrls": ["gopher://a.cn/"] } ] }"""));
        Assert.Contains("broken-one", e.Message);
        Assert.Contains("gopher://a.cn/", e.Message);
    }

    [Fact]
    public void Options_validation_requires_a_contact_url()
    {
        var e = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            HarvestHost.Create("""{ "portals": [] }""", new Dictionary<string, string?> { ["ContactUrl"] = "" }));
        Assert.Contains("ContactUrl", e.Message);
    }
}
