using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Gongkai.Harvest.SamplePortal;

/// <summary>A file the sample portal serves.</summary>
/// <param name="Content">The bytes, exactly as served.</param>
/// <param name="ContentType">The Content-Type header sent with them (it may lie).</param>
/// <param name="ETag">The quoted entity tag.</param>
/// <param name="LastModified">The Last-Modified date.</param>
public sealed record SampleFile(byte[] Content, string ContentType, string ETag, DateTimeOffset LastModified);

/// <summary>
/// The content of a sample portal: files by path, redirects, query-string listing pages, and the pages that change in
/// version 2. <see cref="LoadEmbedded"/> is the fixture site in samples/sample-portal; <see cref="Generate"/> builds
/// a large synthetic column for benchmarks.
/// </summary>
public sealed class SampleSite
{
    private static readonly DateTimeOffset Published = new(2024, 2, 1, 2, 0, 0, TimeSpan.Zero);

    private SampleSite(Dictionary<string, SampleFile> files, Dictionary<string, string> redirects, Dictionary<string, string> queryPages, Dictionary<string, string> versions)
    {
        Files = files;
        Redirects = redirects;
        QueryPages = queryPages;
        Versions = versions;
    }

    /// <summary>Files by absolute path ("/zwgk/…/index.html").</summary>
    public IReadOnlyDictionary<string, SampleFile> Files { get; }

    /// <summary>Path (and query) → redirect target path.</summary>
    public IReadOnlyDictionary<string, string> Redirects { get; }

    /// <summary>Path and query ("/list.html?page=2") → the file that answers it.</summary>
    public IReadOnlyDictionary<string, string> QueryPages { get; }

    /// <summary>Path → the file served instead once the server is switched to version 2.</summary>
    public IReadOnlyDictionary<string, string> Versions { get; }

    /// <summary>The fixture site committed under samples/sample-portal (embedded in this assembly).</summary>
    public static SampleSite LoadEmbedded()
    {
        var assembly = typeof(SampleSite).Assembly;
        const string prefix = "SamplePortal/site/";
        var manifest = ReadManifest(assembly);
        var files = new Dictionary<string, SampleFile>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            var normalized = name.Replace('\\', '/');
            if (!normalized.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var path = "/" + normalized[prefix.Length..];
            var contentType = manifest.Headers.GetValueOrDefault(path) ?? ContentTypeFor(path);
            files[path] = File(buffer.ToArray(), contentType, path.Contains(".v2.", StringComparison.Ordinal) ? Published.AddDays(30) : Published);
        }

        if (files.Count == 0)
        {
            throw new InvalidOperationException("the sample portal's files are not embedded in Gongkai.Harvest");
        }

        return new SampleSite(files, manifest.Redirects, manifest.QueryPages, manifest.Versions);
    }

    /// <summary>
    /// A synthetic report column for crawler benchmarks: <paramref name="reports"/> report pages listed
    /// <paramref name="perPage"/> to a page at /gen/list.html?page=N (with 下一页 links), each page a small table page
    /// whose title names no agency.
    /// </summary>
    public static SampleSite Generate(int reports, int perPage = 20) => Column(reports, perPage, new Dictionary<string, SampleFile>(), i =>
    {
        var year = 2008 + (i % 16);
        var title = $"示例机关{i.ToString(CultureInfo.InvariantCulture)}号{year}年政府信息公开工作年度报告";
        return (title, year, File(Encoding.UTF8.GetBytes(GeneratedReport(i, year, title)), "text/html; charset=utf-8", Published));
    });

    /// <summary>
    /// A report column of real-sized reports for pipeline benchmarks: the embedded sample portal's 14 report pages (every
    /// era, UTF-8 and GBK, full tables of ~100 figures), each copy under an agency of its own — the district 青石区
    /// renamed throughout, in the page's own encoding — so every copy parses into its own report with all its figures.
    /// </summary>
    public static SampleSite GenerateReports(int reports, int perPage = 20)
    {
        var samples = LoadEmbedded();
        var templates = SampleReport.LoadEmbedded().Select(r => (Report: r, File: samples.Files[r.Path])).ToList();
        // The attachments the report pages link to (relative links), beside the copies as beside the originals.
        var folders = templates.Select(t => t.Report.Path[..(t.Report.Path.LastIndexOf('/') + 1)]).ToHashSet(StringComparer.Ordinal);
        var attachments = samples.Files
            .Where(f => folders.Contains(f.Key[..(f.Key.LastIndexOf('/') + 1)]) && !f.Value.ContentType.StartsWith("text/html", StringComparison.Ordinal))
            .ToDictionary(f => "/gen/art/" + f.Key[(f.Key.LastIndexOf('/') + 1)..], f => f.Value, StringComparer.Ordinal);
        return Column(reports, perPage, attachments, i =>
        {
            var (report, file) = templates[i % templates.Count];
            var district = DistrictName(i);
            var encoding = report.Encoding == "utf-8" ? Encoding.UTF8 : CodePagesEncodingProvider.Instance.GetEncoding(report.Encoding)!;
            var page = encoding.GetBytes(encoding.GetString(file.Content).Replace("青石", district, StringComparison.Ordinal));
            var title = $"{report.Agency.Replace("青石", district, StringComparison.Ordinal)}{report.Year}年政府信息公开工作年度报告";
            return (title, report.Year, File(page, file.ContentType, Published));
        });
    }

    /// <summary>A two- or three-character place name, different for every <paramref name="i"/> below 17,576.</summary>
    private static string DistrictName(int i)
    {
        const string characters = "金银铜铁东西南北上下前后新安宁平和兴华永长乐清明泰丰";
        var n = characters.Length;
        return i < n * n
            ? string.Concat(characters[i / n], characters[i % n])
            : string.Concat(characters[i / (n * n) % n], characters[i / n % n], characters[i % n]);
    }

    private static SampleSite Column(int reports, int perPage, IReadOnlyDictionary<string, SampleFile> extraFiles, Func<int, (string Title, int Year, SampleFile File)> report)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(reports, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(perPage, 1);
        var files = new Dictionary<string, SampleFile>(extraFiles, StringComparer.Ordinal);
        var queryPages = new Dictionary<string, string>(StringComparer.Ordinal);
        var pages = (reports + perPage - 1) / perPage;
        for (var page = 1; page <= pages; page++)
        {
            var html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>年报专栏</title></head><body><ul>");
            for (var i = (page - 1) * perPage; i < Math.Min(reports, page * perPage); i++)
            {
                var (title, year, file) = report(i);
                html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"/gen/art/{i}.html\" title=\"{title}\">{title}</a><span>{year + 1}-01-15</span></li>");
                files[$"/gen/art/{i}.html"] = file;
            }

            html.Append("</ul><div class=\"pager\">");
            if (page < pages)
            {
                html.Append(CultureInfo.InvariantCulture, $"<a href=\"list.html?page={page + 1}\">下一页</a>");
            }

            html.Append("</div></body></html>");
            var path = $"/gen/list.page{page}.html";
            files[path] = File(Encoding.UTF8.GetBytes(html.ToString()), "text/html; charset=utf-8", Published);
            queryPages[$"/gen/list.html?page={page}"] = path;
        }

        files["/robots.txt"] = File("User-agent: *\nDisallow: /private/\n"u8.ToArray(), "text/plain", Published);
        return new SampleSite(files, new(StringComparer.Ordinal), queryPages, new(StringComparer.Ordinal));
    }

    private static string GeneratedReport(int i, int year, string title)
    {
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title></head><body><h1>{title}</h1><div class=\"TRS_Editor\">");
        body.Append(CultureInfo.InvariantCulture, $"<p>一、总体情况</p><p>{year}年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息{1000 + i}条。</p>");
        body.Append("<p>三、收到和处理政府信息公开申请情况</p><table border=\"1\">");
        for (var row = 0; row < 30; row++)
        {
            body.Append("<tr>");
            for (var col = 0; col < 8; col++)
            {
                body.Append(CultureInfo.InvariantCulture, $"<td>{(i + row * col) % 17}</td>");
            }

            body.Append("</tr>");
        }

        body.Append("</table></div></body></html>");
        return body.ToString();
    }

    private static SampleFile File(byte[] content, string contentType, DateTimeOffset lastModified) =>
        new(content, contentType, "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..16] + "\"", lastModified);

    private static string ContentTypeFor(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" or ".htm" => "text/html",
        ".pdf" => "application/pdf",
        ".txt" => "text/plain",
        ".doc" => "application/msword",
        ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/octet-stream",
    };

    private static Manifest ReadManifest(Assembly assembly)
    {
        var name = assembly.GetManifestResourceNames().FirstOrDefault(n => n.Replace('\\', '/') == "SamplePortal/site.json")
            ?? throw new InvalidOperationException("the sample portal's site.json is not embedded in Gongkai.Harvest");
        using var stream = assembly.GetManifestResourceStream(name)!;
        return JsonSerializer.Deserialize<Manifest>(stream, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
            ?? throw new InvalidOperationException("the sample portal's site.json is empty");
    }

    private sealed class Manifest
    {
        public Dictionary<string, string> Headers { get; set; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Redirects { get; set; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> QueryPages { get; set; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Versions { get; set; } = new(StringComparer.Ordinal);
    }
}
