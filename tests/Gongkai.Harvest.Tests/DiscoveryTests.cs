using Gongkai.Harvest.Discovery;
using Gongkai.Harvest.Fetching;
using Gongkai.Harvest.Portals;

namespace Gongkai.Harvest.Tests;

public sealed class DiscoveryTests
{
    private static readonly PortalDefinition Portal = PortalCatalogLoader.Parse(
        """{ "portals": [ { "id": "pp", "name": "P", "startUrls": ["http://www.a.gov.cn/zwgk/zfxxgknb/index.html"] } ] }""", "test").Portals[0];

    [Theory]
    [InlineData("东江市青石区人民政府2021年政府信息公开工作年度报告", true, 2021)]
    [InlineData("2011年廣州市荔灣區人民政府信息公開年度報告", true, 2011)]
    [InlineData("清远市清新区人民政府办公室2013年政府信息公开工作年度报告", true, 2013)]
    [InlineData("荆州市2011年政府信息公开年度报告", true, 2011)]
    [InlineData("青石区2019年度政府信息公开工作年报", true, 2019)]
    [InlineData("政府信息公开年报", false, null)]
    [InlineData("2023年东江市青石区政府工作报告", false, 2023)]
    [InlineData("关于做好2022年政府信息公开工作年度报告编制和发布工作的通知", false, 2022)]
    [InlineData("关于2014年政府信息公开工作要点落实情况的函", false, 2014)]
    [InlineData("图解：2022年政府信息公开工作年度报告", false, 2022)]
    [InlineData("2022年部门预算公开", false, 2022)]
    public void Report_links_are_recognised_by_their_text(string text, bool isReport, int? year)
    {
        Assert.Equal(isReport, ReportLinkMatcher.IsReport(text, ReportLinkRules.Default, out var found));
        Assert.Equal(year, found);
    }

    [Fact]
    public void Trs_createPageHTML_with_variables_expands_to_index_N_pages()
    {
        const string html = """
            <ul><li><a href="./202301/t20230128_1.html" title="青石区2022年政府信息公开工作年度报告">青石区2022年政府信息公开...</a><span>2023-01-28</span></li></ul>
            <script>var countPage = 3; var currentPage = 0; createPageHTML(countPage, currentPage, "index", "html");</script>
            """;
        var page = ListingParser.Parse(html, Portal.StartUrls[0], Portal.StartUrls[0], Portal);
        Assert.Equal(["http://www.a.gov.cn/zwgk/zfxxgknb/index_1.html", "http://www.a.gov.cn/zwgk/zfxxgknb/index_2.html"], page.Pages.Select(u => u.AbsoluteUri));
        var link = Assert.Single(page.Reports);
        Assert.Equal("青石区2022年政府信息公开工作年度报告", link.Text);
        Assert.Equal(new DateOnly(2023, 1, 28), link.Date);
        Assert.Equal("http://www.a.gov.cn/zwgk/zfxxgknb/202301/t20230128_1.html", link.Url.AbsoluteUri);
    }

    [Fact]
    public void Next_links_and_numbered_page_links_are_followed_within_the_column_only()
    {
        const string html = """
            <a href="list.html?page=2">下一页</a> <a href="list.html?page=3">3</a> <a href="/other/list.html?page=2">2</a>
            <a href="http://elsewhere.cn/zwgk/zfxxgknb/list.html?page=4">下一页</a> <a href="/zwgk/zfxxgknb/about.html">关于我们</a>
            """;
        var page = ListingParser.Parse(html, Portal.StartUrls[0], Portal.StartUrls[0], Portal);
        Assert.Equal(["http://www.a.gov.cn/zwgk/zfxxgknb/list.html?page=2", "http://www.a.gov.cn/zwgk/zfxxgknb/list.html?page=3"], page.Pages.Select(u => u.AbsoluteUri));
    }

    [Fact]
    public void Hanweb_data_proxy_records_are_read_as_the_listing()
    {
        const string xml = """<datastore><recordset><record><![CDATA[<li><a href="/art/2018/2/28/art_46355_1634538.html" title="2017年政府信息公开工作年度报告">2017年政府信息公开工作年度报告</a><span>2018-02-28</span></li>]]></record></recordset></datastore>""";
        var page = ListingParser.Parse(xml, Portal.StartUrls[0], Portal.StartUrls[0], Portal);
        Assert.Equal("http://www.a.gov.cn/art/2018/2/28/art_46355_1634538.html", Assert.Single(page.Reports).Url.AbsoluteUri);
    }

    [Fact]
    public void Report_links_on_other_hosts_are_kept_apart()
    {
        const string html = """<a href="http://www.b.gov.cn/nb/1.html">B市2020年政府信息公开工作年度报告</a>""";
        var page = ListingParser.Parse(html, Portal.StartUrls[0], Portal.StartUrls[0], Portal);
        Assert.Empty(page.Reports);
        Assert.Equal("http://www.b.gov.cn/nb/1.html", Assert.Single(page.OffHostLinks).AbsoluteUri);
    }

    [Fact]
    public void Attachments_are_pdf_doc_docx_and_wps_links_on_allowed_hosts()
    {
        const string html = """
            <a href="./P0202301.pdf">附件1.pdf</a> <a href="/up/a.DOCX">附件2</a> <a href="/up/b.wps">附件3</a>
            <a href="/up/c.jpg">图片</a> <a href="http://cdn.other.cn/d.pdf">外站</a> <a href="./P0202301.pdf#page=2">重复</a>
            """;
        var found = AttachmentFinder.Find(html, new Uri("http://www.a.gov.cn/zwgk/zfxxgknb/202301/t1.html"), Portal);
        Assert.Equal(
            ["http://www.a.gov.cn/zwgk/zfxxgknb/202301/P0202301.pdf", "http://www.a.gov.cn/up/a.DOCX", "http://www.a.gov.cn/up/b.wps"],
            found.Select(a => a.Url.AbsoluteUri));
    }

    [Fact]
    public void Gbk_pages_decode_even_when_the_header_claims_utf8()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var bytes = System.Text.Encoding.GetEncoding("GBK").GetBytes("<meta charset=\"gb2312\"><a>青石区2020年政府信息公开工作年度报告</a>");
        Assert.Contains("青石区2020年政府信息公开工作年度报告", HtmlText.Decode(bytes, "text/html; charset=utf-8"));
    }

    [Fact]
    public void Robots_rules_pick_the_group_and_the_longest_match()
    {
        var rules = RobotsRules.Parse("""
            User-agent: *
            Disallow: /zwgk/zfxxgknb/nbgl/
            Disallow: /*.xls$
            Allow: /zwgk/zfxxgknb/nbgl/public/
            Crawl-delay: 2.5

            User-agent: BadBot
            Disallow: /
            """, "gongkai");
        Assert.False(rules.IsAllowed("/zwgk/zfxxgknb/nbgl/t1.html"));
        Assert.True(rules.IsAllowed("/zwgk/zfxxgknb/nbgl/public/t1.html"));
        Assert.True(rules.IsAllowed("/zwgk/zfxxgknb/index.html"));
        Assert.False(rules.IsAllowed("/files/a.xls"));
        Assert.True(rules.IsAllowed("/files/a.xlsx"));
        Assert.Equal(TimeSpan.FromSeconds(2.5), rules.CrawlDelay);
        Assert.False(RobotsRules.Parse("User-agent: Gongkai\nDisallow: /\n", "gongkai").IsAllowed("/a"));
    }

    [Fact]
    public void Non_public_addresses_are_refused_unless_allowed()
    {
        var strict = AddressPolicy.PublicOnly;
        Assert.False(strict.Allows(System.Net.IPAddress.Parse("10.0.0.1")));
        Assert.False(strict.Allows(System.Net.IPAddress.Parse("127.0.0.1")));
        Assert.False(strict.Allows(System.Net.IPAddress.Parse("169.254.169.254")));
        Assert.False(strict.Allows(System.Net.IPAddress.Parse("::ffff:192.168.1.1")));
        Assert.False(strict.Allows(System.Net.IPAddress.Parse("fe80::1")));
        Assert.True(strict.Allows(System.Net.IPAddress.Parse("202.96.134.133")));
        var loopbackOnly = new AddressPolicy(true, [System.Net.IPNetwork.Parse("127.0.0.0/8")]);
        Assert.True(loopbackOnly.Allows(System.Net.IPAddress.Parse("127.0.0.1")));
        Assert.False(loopbackOnly.Allows(System.Net.IPAddress.Parse("10.0.0.1")));
    }
}
