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
            var title = FieldLabel().Replace(candidate.Trim(), "");
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
            if (i + 1 < sources.Lines.Count && Joined(sources.Line(i), sources.Line(i + 1)) is { } joined)
            {
                yield return joined;
            }

            yield return sources.Line(i);
        }

        for (var i = sources.Before.Count - 1; i >= Math.Max(0, sources.Before.Count - 8); i--)
        {
            if (i > 0 && Joined(sources.Before[i - 1], sources.Before[i]) is { } joined)
            {
                yield return joined;
            }

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

    /// <summary>
    /// A title split over two lines (XX人民政府2016年 / 政府信息公开工作年度报告): a short line naming no report, then a
    /// line that is the report's name and nothing before it.
    /// </summary>
    private static string? Joined(string first, string second)
    {
        first = first.Trim();
        second = second.Trim();
        if (first.Length is < 2 or > 40 || first.Contains('。', StringComparison.Ordinal) || second.Length > 40)
        {
            return null;
        }

        var firstMatch = ChineseScript.ToMatchText(first);
        var secondMatch = ChineseScript.ToMatchText(second);
        if (IsReportTitle(firstMatch) || Html.ChromeLine.Classify(firstMatch) != Html.ChromeKind.None || !IsHanOrYear(firstMatch))
        {
            return null;
        }

        var name = ReportNameIn(secondMatch);
        return name.Success && name.Index == 0 && name.Length == secondMatch.Length ? first + second : null;
    }

    private static bool IsHanOrYear(string match)
    {
        foreach (var c in match)
        {
            if (!ChineseScript.IsHan(c) && !char.IsAsciiDigit(c) && c is not ('(' or ')'))
            {
                return false;
            }
        }

        return true;
    }

    // 名称, 标题 in a page's metadata block: a label, never part of the title.
    [GeneratedRegex(@"^(?:名\s*称|名\s*稱|标\s*题|標\s*題|题\s*目|題\s*目)\s*[:：]?\s*", RegexOptions.CultureInvariant)]
    private static partial Regex FieldLabel();

    /// <summary>The report naming itself in a sentence (group <c>r</c>): 现发布《XX2021年…报告》, 编制《XX2023年度…报告》, 特向社会公布2020年XX…报告.</summary>
    public static Match NamedInSentence(string matchText) => SelfNamed().Match(matchText);

    [GeneratedRegex(@"(?:现(?:予以|予)?(?:公布|发布)(?:了)?|编制(?:了)?|向社会(?:公开)?(?:公布|发布)(?:了)?)\s*[《<\""]?(?<r>[\p{IsCJKUnifiedIdeographs}\d]{2,60}?(?:政府)?(?:信息公开|政务公开)(?:工作)?(?:年度)?(?:工作)?(?:报告|年报))", RegexOptions.CultureInvariant)]
    private static partial Regex SelfNamed();

    [GeneratedRegex(@"(?:政府)?(?:信息公开|政务公开|政府信息)(?:工作)?(?:年度)?(?:工作)?(?:报告|年报)|年度报告|年报", RegexOptions.CultureInvariant)]
    private static partial Regex ReportName();
}
