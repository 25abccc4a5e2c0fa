using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Gongkai.Harvest.SamplePortal;
using Microsoft.AspNetCore.Http;

namespace Gongkai.Bench;

/// <summary>
/// A generated report column served the way Hanweb (大汉) serves one: the column page carries the first 45 records inside
/// <c>&lt;script type="text/xml"&gt;&lt;datastore&gt;</c>, the jpage proxy answers the rest by POST, 45 records a group.
/// The report pages are <see cref="SampleSite.Generate"/>'s.
/// </summary>
internal static partial class HanwebColumnServer
{
    public const string ColumnPath = "/col/col1/index.html";
    private const string ProxyPath = "/module/web/jpage/dataproxy.jsp";
    private const int Group = 45;

    public static Task<SamplePortalServer> StartAsync(int reports, CancellationToken cancellationToken)
    {
        var site = SampleSite.Generate(reports);
        // The generated TRS-style listing pages hold the records (<li><a …>…</a><span>date</span></li>) in column order.
        var records = Enumerable.Range(1, site.QueryPages.Count)
            .Select(p => Encoding.UTF8.GetString(site.Files[site.QueryPages[$"/gen/list.html?page={p.ToString(CultureInfo.InvariantCulture)}"]].Content))
            .SelectMany(html => ListItem().Matches(html).Select(m => m.Value))
            .ToList();
        return SamplePortalServer.StartAsync(site, intercept: context => AnswerAsync(context, records), cancellationToken: cancellationToken);
    }

    private static async Task<bool> AnswerAsync(HttpContext context, List<string> records)
    {
        var path = context.Request.Path.Value;
        if (path == ColumnPath)
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>年报专栏</title></head><body><div id=\"1\"><script type=\"text/xml\">"
                + Datastore(records.Take(Group))
                + "</script></div><script>$('#1').jpage({ perPage: 15, totalRecord: " + records.Count.ToString(CultureInfo.InvariantCulture)
                + ", proxyUrl: '" + ProxyPath + "', groupSize: 3 });</script></body></html>");
            return true;
        }

        if (path == ProxyPath && context.Request.Method == HttpMethods.Post)
        {
            var start = int.Parse(context.Request.Query["startrecord"]!, CultureInfo.InvariantCulture);
            var end = int.Parse(context.Request.Query["endrecord"]!, CultureInfo.InvariantCulture);
            context.Response.ContentType = "text/xml; charset=utf-8";
            await context.Response.WriteAsync(Datastore(records.Skip(start - 1).Take(end - start + 1)));
            return true;
        }

        return false;
    }

    private static string Datastore(IEnumerable<string> records) =>
        "<datastore><nextgroup><![CDATA[<a href=\"" + ProxyPath + "?page=1&appid=1&webid=1&path=/&columnid=1&unitid=1&webname=bench&permissiontype=0\"></a>]]></nextgroup><recordset>"
        + string.Concat(records.Select(r => "<record><![CDATA[" + r + "]]></record>")) + "</recordset></datastore>";

    [GeneratedRegex("<li>.*?</li>", RegexOptions.Singleline)]
    private static partial Regex ListItem();
}
