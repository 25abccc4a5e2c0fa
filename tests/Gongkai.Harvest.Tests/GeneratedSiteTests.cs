using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Gongkai.Harvest.SamplePortal;

namespace Gongkai.Harvest.Tests;

/// <summary>The report column the pipeline benchmark harvests: real report pages, each under an agency of its own.</summary>
public sealed partial class GeneratedSiteTests
{
    [Fact]
    public void Every_copy_is_a_sample_report_renamed_throughout_in_its_own_encoding_with_its_attachments()
    {
        var samples = SampleReport.LoadEmbedded();
        var site = SampleSite.GenerateReports(40, perPage: 20);

        var titles = new Dictionary<int, string>();
        foreach (var page in new[] { "/gen/list.page1.html", "/gen/list.page2.html" })
        {
            foreach (Match link in ListedReport().Matches(Encoding.UTF8.GetString(site.Files[page].Content)))
            {
                titles.Add(int.Parse(link.Groups["i"].Value, CultureInfo.InvariantCulture), link.Groups["title"].Value);
            }
        }
        Assert.Equal(40, titles.Values.Distinct(StringComparer.Ordinal).Count());

        for (var i = 0; i < 40; i++)
        {
            var sample = samples[i % samples.Count];
            var encoding = sample.Encoding == "utf-8" ? Encoding.UTF8 : CodePagesEncodingProvider.Instance.GetEncoding(sample.Encoding)!;
            var text = encoding.GetString(site.Files[$"/gen/art/{i}.html"].Content);
            var suffix = $"{sample.Year}年政府信息公开工作年度报告";
            Assert.EndsWith(suffix, titles[i], StringComparison.Ordinal);
            var agency = titles[i][..^suffix.Length];
            Assert.NotEqual(sample.Agency, agency);
            Assert.Contains(agency, text, StringComparison.Ordinal);
            Assert.DoesNotContain("青石", text, StringComparison.Ordinal);
            Assert.DoesNotContain('\uFFFD', text);
        }
        Assert.True(site.Files.ContainsKey("/gen/art/P020230128512375608921.pdf"));
    }

    [GeneratedRegex("<a href=\"/gen/art/(?<i>\\d+)\\.html\" title=\"(?<title>[^\"]+)\">")]
    private static partial Regex ListedReport();
}
