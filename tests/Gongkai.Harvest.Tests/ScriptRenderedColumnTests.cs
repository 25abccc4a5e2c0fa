using System.Globalization;
using System.Text;
using System.Text.Json;
using Gongkai.Harvest.Discovery;
using Gongkai.Harvest.Stores;
using Microsoft.AspNetCore.Http;

namespace Gongkai.Harvest.Tests;

/// <summary>
/// Report columns an HTML parser alone cannot read, each served on loopback the way the CMS serves it: a Hanweb column
/// (records inside a script's datastore, the rest from the jpage proxy), a list held as a script array, a list from a
/// JSON endpoint, and a list the harvester cannot see at all.
/// </summary>
public sealed class ScriptRenderedColumnTests
{
    private static readonly string[] Agencies = ["长河县人民政府", "长河县发展和改革局", "长河县教育局", "长河县财政局", "长河县自然资源局", "长河县卫生健康局", "长河县市场监督管理局"];

    private const string ProxyPath = "/module/web/jpage/dataproxy.jsp";
    private const string ColumnPath = "/col/col46355/index.html";

    /// <summary>A column entry: its URL path, title, date, and whether it is an annual report.</summary>
    private sealed record Entry(string Path, string Title, DateOnly Date, bool IsReport);

    // 70 reports of 7 agencies over 10 years, with explainers, a compiling notice and a reading beside them, newest first.
    private static List<Entry> CountyColumn(string pathFormat)
    {
        var entries = new List<Entry>();
        var id = 3000;
        for (var year = 2023; year >= 2014; year--)
        {
            for (var a = 0; a < Agencies.Length; a++)
            {
                var date = new DateOnly(year + 1, 1, 10 + a);
                entries.Add(new Entry(Path(pathFormat, date, ++id), $"{Agencies[a]}{year}年政府信息公开工作年度报告", date, true));
            }

            if (year % 2 == 0)
            {
                var date = new DateOnly(year + 1, 1, 25);
                entries.Add(new Entry(Path(pathFormat, date, ++id), $"图解：长河县人民政府{year}年政府信息公开工作年度报告", date, false));
                entries.Add(new Entry(Path(pathFormat, date, ++id), $"《长河县{year}年政府信息公开工作年度报告》解读", date, false));
            }
        }

        entries.Insert(3, new Entry(Path(pathFormat, new DateOnly(2023, 12, 1), ++id), "关于做好2023年政府信息公开工作年度报告编制发布工作的通知", new DateOnly(2023, 12, 1), false));
        return entries;
    }

    private static string Path(string format, DateOnly date, int id) =>
        string.Format(CultureInfo.InvariantCulture, format, date.Year, date.Month, date.Day, id);

    private static void AddEntries(LoopbackColumn column, IEnumerable<Entry> entries)
    {
        foreach (var entry in entries)
        {
            column.AddReport(entry.Path, entry.Title);
        }
    }

    private static string Record(Entry e) =>
        $"<record><![CDATA[<li><a href=\"{e.Path}\" title=\"{e.Title}\" target=\"_blank\">{e.Title}</a><span>{e.Date:yyyy-MM-dd}</span></li>]]></record>";

    private static string Datastore(IEnumerable<Entry> records, bool withNextGroup) =>
        "<datastore>"
        + (withNextGroup ? $"<nextgroup><![CDATA[<a href=\"{ProxyPath}?page=1&appid=1&webid=31&path=/&columnid=46355&unitid=217903&webname=长河县人民政府&permissiontype=0\"></a>]]></nextgroup>" : string.Empty)
        + "<recordset>" + string.Concat(records.Select(Record)) + "</recordset></datastore>";

    private static string HanwebColumnPage(IReadOnlyList<Entry> entries, int inline) => $$"""
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>政府信息公开年报 长河县人民政府</title>
        <script type="text/javascript" src="/module/jslib/jquery/jquery.js"></script>
        <script type="text/javascript" src="/module/web/jpage/jpage.js"></script></head>
        <body><div class="position">当前位置：首页 &gt; 政府信息公开 &gt; 政府信息公开年报</div>
        <div class="list"><div id="217903"><script type="text/xml">{{Datastore(entries.Take(inline), withNextGroup: true)}}</script></div></div>
        <script type="text/javascript">
          $(document).ready(function(){ $('#217903').jpage({ dataStore: dataStore217903, perPage: 10, totalRecord: {{entries.Count}}, proxyUrl: '{{ProxyPath}}', groupSize: 3, barPosition: 'bottom', pageSizeCss: 'pagesize' }); });
        </script>
        <div class="footer"><a href="/col/col1/index.html">网站地图</a></div></body></html>
        """;

    // The proxy answers POST with the column's form fields (or GET with them in the query, when allowed), records startrecord..endrecord.
    private static Func<HttpContext, string, Task<bool>> Proxy(IReadOnlyList<Entry> entries, bool post, bool get, bool ignoreRange = false) => async (context, form) =>
    {
        var request = context.Request;
        var fields = request.Method == HttpMethods.Post ? form : request.QueryString.Value ?? string.Empty;
        var allowed = request.Method == HttpMethods.Post ? post : get;
        if (!allowed)
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return true;
        }

        if (!fields.Contains("columnid=46355", StringComparison.Ordinal) || !fields.Contains("unitid=217903", StringComparison.Ordinal) || !fields.Contains("col=1", StringComparison.Ordinal))
        {
            // Hanweb answers an incomplete form with an empty datastore.
            await context.Response.WriteAsync("<datastore><recordset></recordset></datastore>");
            return true;
        }

        var start = int.Parse(request.Query["startrecord"]!, CultureInfo.InvariantCulture);
        var end = int.Parse(request.Query["endrecord"]!, CultureInfo.InvariantCulture);
        if (ignoreRange)
        {
            (start, end) = (1, 30);
        }

        context.Response.ContentType = "text/xml; charset=utf-8";
        await context.Response.WriteAsync("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + Datastore(entries.Skip(start - 1).Take(end - start + 1), withNextGroup: true));
        return true;
    };

    private static async Task<(LoopbackColumn Column, List<Entry> Entries)> HanwebColumnAsync(bool post, bool get, bool ignoreRange = false, string? robots = null)
    {
        var column = robots is null ? await LoopbackColumn.StartAsync() : await LoopbackColumn.StartAsync(robots);
        var entries = CountyColumn("/art/{0}/{1}/{2}/art_46355_{3}.html");
        AddEntries(column, entries);
        column.Pages[ColumnPath] = (HanwebColumnPage(entries, inline: 30), "text/html; charset=utf-8");
        column.Handlers[ProxyPath] = Proxy(entries, post, get, ignoreRange);
        return (column, entries);
    }

    private static async Task<HarvestSummary> HarvestAsync(HarvestHost host, string id) =>
        await host.Harvester.HarvestAsync(id, new HarvestRunOptions(), CancellationToken.None);

    private static async Task AssertEveryReportOnceAsync(HarvestHost host, LoopbackColumn column, IReadOnlyList<Entry> entries, HarvestSummary summary)
    {
        var reports = entries.Where(e => e.IsReport).ToList();
        Assert.Equal(reports.Count, summary.ReportsFound);
        Assert.Equal(reports.Count, summary.New);
        var stored = (await host.BlobsAsync()).Select(b => new Uri(b.Metadata["sourceurl"]).AbsolutePath).ToList();
        Assert.Equal(reports.Select(e => e.Path).Order(), stored.Order());
        var fetched = column.Requests.Where(r => r.PathAndQuery.StartsWith("/art/", StringComparison.Ordinal) || r.PathAndQuery.Contains("/20", StringComparison.Ordinal))
            .Select(r => r.PathAndQuery).ToList();
        Assert.Equal(fetched.Distinct().Count(), fetched.Count);
        Assert.All(entries.Where(e => !e.IsReport), e => Assert.DoesNotContain(e.Path, fetched));
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("GET")]
    public async Task A_Hanweb_column_is_read_from_its_datastore_and_the_jpage_proxy_group_by_group(string method)
    {
        var (column, entries) = await HanwebColumnAsync(post: method == "POST", get: method == "GET");
        await using (column)
        {
            await using var host = HarvestHost.Create(HarvestHost.PortalJson("hanweb", [column.Url(ColumnPath)], delaySeconds: 0.02));
            var summary = await HarvestAsync(host, "hanweb");

            Assert.Equal(81, entries.Count);
            Assert.Empty(await host.FailuresAsync("hanweb"));
            await AssertEveryReportOnceAsync(host, column, entries, summary);

            // 30 records on the page, then 31-60 and 61-90 from the proxy: totalRecord (81) ends the walk.
            var proxy = column.Requests.Where(r => r.PathAndQuery.StartsWith(ProxyPath, StringComparison.Ordinal)).ToList();
            var groups = proxy.Where(r => r.Method == method).Select(r => r.PathAndQuery.Split('?')[1].Split("&col=")[0]).ToList();
            Assert.Equal(["startrecord=31&endrecord=60&perpage=10", "startrecord=61&endrecord=90&perpage=10"], groups);
            var form = method == "POST" ? proxy[0].Form : proxy.Last().PathAndQuery;
            Assert.Contains("col=1&appid=1&webid=31&path=/&columnid=46355&sourceContentType=1&unitid=217903&webname=%E9%95%BF%E6%B2%B3%E5%8E%BF%E4%BA%BA%E6%B0%91%E6%94%BF%E5%BA%9C&permissiontype=0", form, StringComparison.Ordinal);
            Assert.DoesNotContain("page=1", form.Replace("perpage", "", StringComparison.Ordinal), StringComparison.Ordinal);
            // Only a GET-only server costs one refused POST; the proxy groups count as listing pages.
            Assert.Equal(method == "POST" ? 2 : 3, proxy.Count);
            Assert.Equal(3, summary.PagesListed);
        }
    }

    [Fact]
    public async Task A_proxy_that_ignores_startrecord_ends_the_walk_after_one_repeat_with_a_failure_row()
    {
        var (column, entries) = await HanwebColumnAsync(post: true, get: true, ignoreRange: true);
        await using (column)
        {
            await using var host = HarvestHost.Create(HarvestHost.PortalJson("looping", [column.Url(ColumnPath)], delaySeconds: 0.02));
            var summary = await HarvestAsync(host, "looping");

            var inlineReports = entries.Take(30).Count(e => e.IsReport);
            Assert.Equal(inlineReports, summary.ReportsFound);
            Assert.Single(column.Requests, r => r.PathAndQuery.StartsWith(ProxyPath, StringComparison.Ordinal));
            var failure = Assert.Single(await host.FailuresAsync("looping"));
            Assert.Equal((HarvestStages.List, ListingProblemKinds.ProxyRepeats), (failure.Stage, failure.Kind));
            Assert.Contains("startrecord=31&endrecord=60", failure.Url, StringComparison.Ordinal);
            Assert.Contains("ignores startrecord", failure.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Robots_txt_applies_to_the_proxy_and_its_answers_are_never_stored()
    {
        var (column, entries) = await HanwebColumnAsync(post: true, get: true, robots: "User-agent: *\nDisallow: /module/\n");
        await using (column)
        {
            await using var host = HarvestHost.Create(HarvestHost.PortalJson("robots", [column.Url(ColumnPath)], delaySeconds: 0.02));
            var summary = await HarvestAsync(host, "robots");

            Assert.DoesNotContain(column.Requests, r => r.PathAndQuery.StartsWith("/module/", StringComparison.Ordinal));
            Assert.Equal(entries.Take(30).Count(e => e.IsReport), summary.ReportsFound);
            var failure = Assert.Single(await host.FailuresAsync("robots"));
            Assert.Equal((HarvestStages.List, "Disallowed"), (failure.Stage, failure.Kind));
            Assert.DoesNotContain(await host.BlobsAsync(), b => b.Metadata["sourceurl"].Contains("dataproxy", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_list_held_as_a_script_array_is_read_without_configuration()
    {
        await using var column = await LoopbackColumn.StartAsync();
        var entries = CountyColumn("/zwgk/xxgknb/{0}{1:00}/t{0}{1:00}{2:00}_{3}.html");
        AddEntries(column, entries);
        var items = string.Join(",\n", entries.Select(e => $"{{ title: '{e.Title}', url: '.{e.Path["/zwgk/xxgknb".Length..]}', publishDate: '{e.Date:yyyy-MM-dd}', hits: 12 }}"));
        column.Pages["/zwgk/xxgknb/index.html"] = ($$$"""
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开年报</title><script src="/js/vue.min.js"></script></head>
            <body><div id="app"><ul class="list"><li v-for="item in list"><a :href="item.url" :title="item.title">{{item.title}}</a><span>{{item.publishDate}}</span></li></ul></div>
            <script>
              // the column's documents, written out by the CMS
              var list = [
            {{{items}}},
              ];
              new Vue({ el: '#app', data: { list: list } });
            </script></body></html>
            """, "text/html; charset=utf-8");

        await using var host = HarvestHost.Create(HarvestHost.PortalJson("vue", [column.Url("/zwgk/xxgknb/index.html")], delaySeconds: 0.02));
        var summary = await HarvestAsync(host, "vue");

        Assert.Empty(await host.FailuresAsync("vue"));
        await AssertEveryReportOnceAsync(host, column, entries, summary);
        var stored = await host.BlobsAsync();
        Assert.All(stored, b => Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", b.Metadata["linkdate"]));
    }

    [Fact]
    public async Task A_list_from_a_json_endpoint_the_page_calls_is_read_page_by_page()
    {
        await using var column = await LoopbackColumn.StartAsync();
        var entries = CountyColumn("/zwgk/nb/{0}{1:00}/t{0}{1:00}{2:00}_{3}.html");
        AddEntries(column, entries);
        const int perPage = 20;
        column.Pages["/zwgk/nb/index.html"] = ("""
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>年报</title><script src="/js/jquery.min.js"></script></head>
            <body><ul id="list"></ul><div id="pager"></div>
            <script>
              function load(pageNo) {
                $.ajax({ url: '/api/article/list?columnId=77&pageSize=20&pageNo=' + pageNo, type: 'get', dataType: 'json',
                  success: function (res) { render(res.data.records); pager(res.data.pageCount); } });
              }
              load(1);
            </script></body></html>
            """, "text/html; charset=utf-8");
        column.Handlers["/api/article/list"] = async (context, _) =>
        {
            var page = int.Parse(context.Request.Query["pageNo"]!, CultureInfo.InvariantCulture);
            var records = entries.Skip((page - 1) * perPage).Take(perPage).Select(e => new
            {
                docId = e.Path.GetHashCode(StringComparison.Ordinal),
                docTitle = e.Title,
                docPubUrl = column.Url(e.Path).AbsoluteUri,
                pubDate = new DateTimeOffset(e.Date.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)).ToUnixTimeMilliseconds(),
            });
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new { code = 200, data = new { total = entries.Count, pageCount = (entries.Count + perPage - 1) / perPage, records } }));
            return true;
        };

        await using var host = HarvestHost.Create(HarvestHost.PortalJson("json", [column.Url("/zwgk/nb/index.html")], delaySeconds: 0.02));
        var summary = await HarvestAsync(host, "json");

        Assert.Empty(await host.FailuresAsync("json"));
        await AssertEveryReportOnceAsync(host, column, entries, summary);
        // Five pages of 20 (81 entries), and the sixth, empty, ends the list.
        Assert.Equal(
            Enumerable.Range(1, 6).Select(n => $"/api/article/list?columnId=77&pageSize=20&pageNo={n}"),
            column.Requests.Where(r => r.PathAndQuery.StartsWith("/api/", StringComparison.Ordinal)).Select(r => r.PathAndQuery));
        var first = (await host.BlobsAsync()).Single(b => b.Metadata["linktext"] == entries[0].Title);
        Assert.Equal(entries[0].Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), first.Metadata["linkdate"]);
    }

    [Fact]
    public async Task A_listing_whose_list_cannot_be_read_is_recorded_as_blind()
    {
        await using var column = await LoopbackColumn.StartAsync();
        column.Pages["/zwgk/ndbg/index.html"] = ("""
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开年报</title></head>
            <body><div class="crumb">首页 &gt; 政府信息公开年报</div><ul id="docs"></ul>
            <script>
              var base = location.protocol + '//' + location.host + '/zwgk/ndbg/';
              var html = '';
              html += '<li><a href="' + base + docs[0] + '.html">长河县2023年政府信息公开工作年度报告</a></li>';
              html += '<li><a href="' + base + docs[1] + '.html">长河县2022年政府信息公开工作年度报告</a></li>';
              html += '<li><a href="' + base + docs[2] + '.html">图解：长河县2022年政府信息公开工作年度报告</a></li>';
              document.getElementById('docs').innerHTML = html;
            </script>
            <a href="/zwgk/ndbg/guide.html">政府信息公开指南</a></body></html>
            """, "text/html; charset=utf-8");

        await using var host = HarvestHost.Create(HarvestHost.PortalJson("blind", [column.Url("/zwgk/ndbg/index.html")], delaySeconds: 0.02));
        var summary = await HarvestAsync(host, "blind");

        Assert.Equal(0, summary.ReportsFound);
        Assert.Equal(1, summary.Failed);
        var failure = Assert.Single(await host.FailuresAsync("blind"));
        Assert.Equal((HarvestStages.List, ListingProblemKinds.ScriptRenderedList), (failure.Stage, failure.Kind));
        Assert.Equal(column.Url("/zwgk/ndbg/index.html").AbsoluteUri, failure.Url);
        Assert.Contains("2 report-like title(s)", failure.Error, StringComparison.Ordinal);
        Assert.Contains("「长河县2023年政府信息公开工作年度报告」", failure.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("图解", failure.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_portal_entry_that_names_the_endpoint_and_fields_reads_a_column_guessing_cannot()
    {
        await using var column = await LoopbackColumn.StartAsync();
        var entries = CountyColumn("/zwgk/ndbg/showinfo.jsp?id={3}");
        foreach (var entry in entries)
        {
            column.AddReport(entry.Path.Split('?')[0] + "/" + entry.Path.Split('=')[1], entry.Title);
        }

        // The page builds the endpoint at run time and the entries' fields say nothing about themselves.
        column.Pages["/zwgk/ndbg/index.html"] = ("""
            <html><body><ul id="docs"></ul><script>
              var api = ['/zwgk', 'ndbg', 'rows.do'].join('/');
              var first = '长河县2023年政府信息公开工作年度报告';
              load(api + '?p=' + 1);
            </script></body></html>
            """, "text/html; charset=utf-8");
        column.Handlers["/zwgk/ndbg/rows.do"] = async (context, _) =>
        {
            var page = int.Parse(context.Request.Query["p"]!, CultureInfo.InvariantCulture);
            var rows = entries.Skip((page - 1) * 30).Take(30).Select(e => new { wjmc = e.Title, lj = "showinfo.jsp/" + e.Path.Split('=')[1], fbsj = e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new { rows }));
            return true;
        };
        var extra = new Dictionary<string, object?>
        {
            ["pagination"] = new { urlTemplate = column.Url("/zwgk/ndbg/rows.do").AbsoluteUri + "?p={page}" },
            ["links"] = new { dataFields = new { title = "wjmc", url = "lj", date = "fbsj" } },
        };

        await using var host = HarvestHost.Create(HarvestHost.PortalJson("named", [column.Url("/zwgk/ndbg/index.html")], delaySeconds: 0.02, extra));
        var summary = await HarvestAsync(host, "named");

        Assert.Empty(await host.FailuresAsync("named"));
        Assert.Equal(70, summary.New);
        Assert.Equal(4, column.Requests.Count(r => r.PathAndQuery.StartsWith("/zwgk/ndbg/rows.do", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_readable_column_without_report_titles_in_its_scripts_is_not_called_blind()
    {
        await using var column = await LoopbackColumn.StartAsync();
        column.AddReport("/zwgk/ndbg/202301/t1.html", "长河县2022年政府信息公开工作年度报告");
        column.Pages["/zwgk/ndbg/index.html"] = ("""
            <html><body><ul><li><a href="./202301/t1.html">长河县2022年政府信息公开工作年度报告</a></li></ul>
            <script>var title = '长河县2022年政府信息公开工作年度报告'; document.title = title;</script></body></html>
            """, "text/html; charset=utf-8");
        await using var host = HarvestHost.Create(HarvestHost.PortalJson("seen", [column.Url("/zwgk/ndbg/index.html")], delaySeconds: 0.02));
        var summary = await HarvestAsync(host, "seen");
        Assert.Equal(1, summary.New);
        Assert.Empty(await host.FailuresAsync("seen"));
    }

    [Fact]
    public void A_portal_entry_names_the_data_fields_where_guessing_fails()
    {
        const string json = """{"rows":[{"wjmc":"长河县2022年政府信息公开工作年度报告","lj":"showinfo?id=881","fbsj":"2023-01-16"},{"wjmc":"图解：长河县2022年政府信息公开工作年度报告","lj":"showinfo?id=882","fbsj":"2023-01-16"}]}""";
        var guessing = Gongkai.Harvest.Portals.PortalCatalogLoader.Parse(
            """{ "portals": [ { "id": "guess", "name": "G", "startUrls": ["http://www.chx.gov.cn/nb/index.html"] } ] }""", "test").Portals[0];
        var named = Gongkai.Harvest.Portals.PortalCatalogLoader.Parse(
            """{ "portals": [ { "id": "named", "name": "N", "startUrls": ["http://www.chx.gov.cn/nb/index.html"], "links": { "dataFields": { "title": "wjmc", "url": "lj", "date": "fbsj" } } } ] }""", "test").Portals[0];
        var endpoint = new Uri("http://www.chx.gov.cn/nb/data.jsp?page=1");

        Assert.Empty(ListingParser.Parse(json, endpoint, endpoint, guessing).Reports);
        var link = Assert.Single(ListingParser.Parse(json, endpoint, endpoint, named).Reports);
        Assert.Equal("http://www.chx.gov.cn/nb/showinfo?id=881", link.Url.AbsoluteUri);
        Assert.Equal((2022, new DateOnly(2023, 1, 16)), (link.Year, link.Date));
    }

    [Fact]
    public void A_jsonp_answer_is_read_and_entry_urls_are_not_taken_for_endpoints()
    {
        var portal = Gongkai.Harvest.Portals.PortalCatalogLoader.Parse(
            """{ "portals": [ { "id": "jsonp", "name": "J", "startUrls": ["http://www.chx.gov.cn/nb/index.html"] } ] }""", "test").Portals[0];
        var endpoint = new Uri("http://www.chx.gov.cn/nb/list.do?callback=cb1&p=1");
        var answer = ListingParser.Parse("""cb1({"list":[{"title":"长河县2021年政府信息公开工作年度报告","url":"/nb/detail.jsp?id=1"}]})""", endpoint, endpoint, portal);
        Assert.Equal("http://www.chx.gov.cn/nb/detail.jsp?id=1", Assert.Single(answer.Reports).Url.AbsoluteUri);

        var page = ListingParser.Parse("""
            <html><body><script>
              var docs = [{ title: '长河县2021年政府信息公开工作年度报告', url: '/nb/detail.jsp?id=1' }, { title: '长河县2020年政府信息公开工作年度报告', url: '/nb/detail.jsp?id=2' }];
              $.getJSON('/nb/list.do?p=1', function (d) { show(d); });
            </script></body></html>
            """, portal.StartUrls[0], portal.StartUrls[0], portal);
        Assert.Equal(2, page.Reports.Count);
        Assert.Equal(["http://www.chx.gov.cn/nb/list.do?p=1"], page.DataEndpoints.Select(u => u.AbsoluteUri));
    }

    [Fact]
    public void Script_literals_are_read_with_javascript_quoting_and_json_alike()
    {
        var arrays = ScriptLiteral.ArraysOfObjects("""
            var a = [{ t: 'it\'s', "u": "/a.html", n: -1.5e2, ok: true, none: null, }, /* two */ { t: "b", u: '/b.html' }];
            var broken = [{ t: 'x', u: someVariable }];
            var json = {"data":{"list":[{"title":"\u957f\u6cb3","url":"\/c.html"}]}};
            """);
        Assert.Equal(2, arrays.Count);
        Assert.Equal("it's", arrays[0][0]!["t"]!.GetValue<string>());
        Assert.Equal(-150d, arrays[0][0]!["n"]!.GetValue<double>());
        Assert.Equal("长河", arrays[1][0]!["title"]!.GetValue<string>());
        Assert.Equal("/c.html", arrays[1][0]!["url"]!.GetValue<string>());
    }

    [Fact]
    public void The_jpage_proxy_is_taken_from_the_nextgroup_link_and_the_jpage_call()
    {
        var entries = CountyColumn("/art/{0}/{1}/{2}/art_46355_{3}.html");
        var page = HanwebColumnPage(entries, inline: 30).Replace("webname=长河县人民政府", "webname=%E9%95%BF%E6%B2%B3&amp;x=1", StringComparison.Ordinal);
        var proxy = HanwebDatastore.Proxy(page, new Uri("http://www.chx.gov.cn" + ColumnPath))!;
        Assert.Equal("http://www.chx.gov.cn/module/web/jpage/dataproxy.jsp", proxy.Url.AbsoluteUri);
        Assert.Equal((10, 30, 31, (int?)81), (proxy.PerPage, proxy.GroupSize, proxy.FirstRecord, proxy.TotalRecord));
        Assert.Equal("col=1&appid=1&webid=31&path=/&columnid=46355&sourceContentType=1&unitid=217903&webname=%E9%95%BF%E6%B2%B3&x=1&permissiontype=0", proxy.Form);
        Assert.Equal("http://www.chx.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=31&endrecord=60&perpage=10", proxy.GroupUrl(31, 60, withForm: false).AbsoluteUri);
        Assert.Equal(30, HanwebDatastore.Records(page).Count);
        Assert.Null(HanwebDatastore.Proxy("<ul><li><a href=\"/a.html\">a</a></li></ul>", new Uri("http://www.chx.gov.cn/")));
        Assert.Equal(Encoding.UTF8.GetByteCount(proxy.Form), proxy.Form.Length);
    }
}
