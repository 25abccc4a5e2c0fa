using System.Text.RegularExpressions;

namespace Gongkai.Reports.Metadata;

/// <summary>
/// The report's title: the page's ArticleTitle meta, a heading above the body, the body's first lines, the
/// lines above the body, the page title, the listing's link text — the first that reads like a report title.
/// </summary>
internal static partial class TitleReader
{
    public const int MaxTitleLength = 90;

    public static string? Read(MetadataSources sources)
    {
        foreach (var candidate in Candidates(sources))
        {
            var title = candidate.Trim();
            // A sentence (…现公布…年度报告。) names the report but is not its title.
            if (title.Length is 0 or > MaxTitleLength || Html.ChromeLine.IsBullet(title) || title.Contains('。', StringComparison.Ordinal))
            {
                continue;
            }

            var match = ChineseScript.ToMatchText(title);
            if (IsReportTitle(match) && Html.ChromeLine.Classify(match) == Html.ChromeKind.None)
            {
                return title;
            }
        }

        return null;
    }

    /// <summary>Names an annual report on disclosure: …政府信息公开工作年度报告, …信息公开年报.</summary>
    public static bool IsReportTitle(string matchTitle) => ReportName().IsMatch(matchTitle);

    /// <summary>Where a report name (政府信息公开工作年度报告 …) starts in a title, or -1.</summary>
    public static Match ReportNameIn(string matchTitle) => ReportName().Match(matchTitle);

    private static IEnumerable<string> Candidates(MetadataSources sources)
    {
        if (sources.MetaValue("articletitle", "title", "og:title") is { } meta)
        {
            yield return meta;
        }

        for (var i = 0; i < Math.Min(sources.Lines.Count, 4); i++)
        {
            yield return sources.Line(i);
        }

        for (var i = sources.Before.Count - 1; i >= Math.Max(0, sources.Before.Count - 8); i--)
        {
            yield return sources.Before[i];
        }

        if (sources.HtmlTitle is { } htmlTitle)
        {
            foreach (var part in htmlTitle.Split(['_', '|', '－', '—', '–'], StringSplitOptions.RemoveEmptyEntries))
            {
                yield return part;
            }

            foreach (var part in htmlTitle.Split(" - ", StringSplitOptions.RemoveEmptyEntries))
            {
                yield return part;
            }
        }

        if (sources.LinkText is { } link)
        {
            yield return link;
        }
    }

    [GeneratedRegex(@"(?:政府)?(?:信息公开|政务公开|政府信息)(?:工作)?(?:年度)?(?:工作)?(?:报告|年报)|年度报告|年报", RegexOptions.CultureInvariant)]
    private static partial Regex ReportName();
}
