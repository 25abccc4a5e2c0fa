using System.Text.RegularExpressions;

namespace Gongkai.Reports.Html;

/// <summary>
/// Splits a report that reached us as one long line (a careless copy or text export: chrome, headings, narrative and
/// flattened tables run together) back into the lines a reader sees: the page's info and widget words before the
/// first heading (<c>当前位置：…</c>, <c>来源：…</c>, <c>时间：…</c>, <c>【字号：大 中 小】</c>) each on a line of their own
/// so they are recognised as chrome, a report title standing between them, and every section heading
/// (<c>一、总体情况</c>, <c>（一）主动公开情况</c>) on its own line. Table rows inside the line stay together: a
/// numbered row label (<c>四、结转下年度继续办理</c>) names no section and figures follow it, so it is not a heading.
/// </summary>
internal static partial class RunOnLine
{
    /// <summary>Lines shorter than this are ordinary lines, even when they hold a heading.</summary>
    public const int MinLength = 200;

    public static IEnumerable<string> Split(string line)
    {
        if (line.Length < MinLength)
        {
            yield return line;
            yield break;
        }

        var match = ChineseScript.ToMatchText(line);
        var cuts = new SortedSet<int>();
        var firstHeading = line.Length;
        foreach (Match heading in Heading().Matches(match))
        {
            var words = heading.Groups["t"].Value;
            if (Sections.SectionKinds.Of(words) == Sections.SectionKinds.Other && !words.StartsWith("其他", StringComparison.Ordinal))
            {
                continue;
            }

            cuts.Add(heading.Index);
            cuts.Add(heading.Index + heading.Length);
            firstHeading = Math.Min(firstHeading, heading.Index);
        }

        if (cuts.Count == 0)
        {
            yield return line;
            yield break;
        }

        // Before the report starts: chrome fields, and the title among them.
        var head = match[..firstHeading];
        foreach (Match field in ChromeField().Matches(head))
        {
            cuts.Add(field.Index);
        }

        foreach (Match title in SpacedTitle().Matches(head))
        {
            if (Metadata.TitleReader.IsReportTitle(title.Value))
            {
                cuts.Add(title.Index);
                cuts.Add(title.Index + title.Length);
            }
        }

        var last = 0;
        foreach (var cut in cuts)
        {
            if (cut > last && line.AsSpan(last, cut - last).Trim().Length > 0)
            {
                yield return line[last..cut].Trim();
            }

            last = Math.Max(last, cut);
        }

        if (last < line.Length && line.AsSpan(last).Trim().Length > 0)
        {
            yield return line[last..].Trim();
        }
    }

    // A section heading: 一、 … or (一) … up to the last word that ends a heading before a figure, a space or punctuation.
    [GeneratedRegex(@"(?<![一二三四五六七八九十])(?:[一二三四五六七八九十]{1,2}、|\([一二三四五六七八九十]{1,2}\))(?<t>[^\d\s。，,;；:()…\.]{2,28}(?:情况|事项|措施|概述|附表|说明|问题|计划|打算))", RegexOptions.CultureInvariant)]
    private static partial Regex Heading();

    [GeneratedRegex(@"(?:您现在的位置|您当前的位置|当前位置|所在位置|信息来源\s*:|(?<!信息)来源\s*:|发布时间\s*:|发布日期\s*:|(?<!发布)时间\s*:|(?<!发布)日期\s*:|浏览次数|点击数|【\s*字号|\[\s*字号|【\s*打印|【\s*关闭|分享到)", RegexOptions.CultureInvariant)]
    private static partial Regex ChromeField();

    // A space-delimited run that may be the report's title (checked with TitleReader).
    [GeneratedRegex(@"(?<=\s)[^\s:【\[]{6,90}(?=\s)", RegexOptions.CultureInvariant)]
    private static partial Regex SpacedTitle();
}
