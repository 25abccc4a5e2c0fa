using System.Text.RegularExpressions;

namespace Gongkai.Reports.Sections;

/// <summary>
/// Finds the report's numbered sections (一、…, 二、…) in the cleaned text. A heading is a short line that
/// continues the numbering (so 一是… and a table row 一、主动公开情况 after 六、 are not headings); table lines
/// are never headings. When a report has no 一、 headings, its （一） headings are used instead.
/// </summary>
public static partial class SectionFinder
{
    public const int MaxHeadingLength = 60;

    /// <param name="text">The cleaned text.</param>
    /// <param name="matchText">Its match text (same length).</param>
    /// <param name="excluded">Spans (tables) whose lines are not headings, in order.</param>
    public static List<ReportSection> Find(string text, string matchText, IReadOnlyList<(int Start, int End)> excluded)
    {
        var sections = Find(text, matchText, excluded, TopLevel());
        return sections.Count > 0 ? sections : Find(text, matchText, excluded, SecondLevel());
    }

    private static List<ReportSection> Find(string text, string matchText, IReadOnlyList<(int Start, int End)> excluded, Regex heading)
    {
        var headings = new List<(int Start, int LineEnd, string Kind)>();
        var expected = 1;
        var exclusion = 0;
        var lineStart = 0;
        while (lineStart < text.Length)
        {
            var newline = text.IndexOf('\n', lineStart);
            var lineEnd = newline < 0 ? text.Length : newline;
            while (exclusion < excluded.Count && excluded[exclusion].End <= lineStart)
            {
                exclusion++;
            }

            var inTable = exclusion < excluded.Count && excluded[exclusion].Start <= lineStart;
            if (!inTable && lineEnd - lineStart <= MaxHeadingLength)
            {
                var match = heading.Match(matchText, lineStart, lineEnd - lineStart);
                if (match.Success)
                {
                    var number = ChineseNumber(match.Groups["n"].Value);
                    var kind = SectionKinds.Of(match.Groups["t"].Value);
                    if (number == expected || (headings.Count == 0 && number is >= 1 and <= 2))
                    {
                        headings.Add((lineStart, lineEnd, kind));
                        expected = number + 1;
                    }
                    else if (number == expected - 1 && headings.Count > 0 && headings[^1].Kind == SectionKinds.Other && kind != SectionKinds.Other)
                    {
                        // A table flattened into lines (四、结转下年度继续办理) took this number first; the real
                        // heading (四、政府信息公开行政复议…) names a known section and takes it back.
                        headings[^1] = (lineStart, lineEnd, kind);
                    }
                }
            }

            lineStart = lineEnd + 1;
        }

        var sections = new List<ReportSection>(headings.Count);
        for (var i = 0; i < headings.Count; i++)
        {
            var (start, lineEnd, kind) = headings[i];
            var end = i + 1 < headings.Count ? headings[i + 1].Start : text.Length;
            while (end > start && text[end - 1] == '\n')
            {
                end--;
            }

            sections.Add(new ReportSection(kind, text[start..lineEnd].Trim(), start, end));
        }

        return sections;
    }

    /// <summary>一 … 九十九 as a number; 0 when it is not one.</summary>
    public static int ChineseNumber(string numeral)
    {
        const string Digits = "零一二三四五六七八九";
        if (numeral.Length == 0)
        {
            return 0;
        }

        var ten = numeral.IndexOf('十', StringComparison.Ordinal);
        if (ten < 0)
        {
            return numeral.Length == 1 ? Math.Max(Digits.IndexOf(numeral[0], StringComparison.Ordinal), 0) : 0;
        }

        var tens = ten == 0 ? 1 : Digits.IndexOf(numeral[0], StringComparison.Ordinal);
        var units = ten == numeral.Length - 1 ? 0 : Digits.IndexOf(numeral[^1], StringComparison.Ordinal);
        return tens <= 0 || units < 0 ? 0 : (tens * 10) + units;
    }

    [GeneratedRegex(@"\G\s*(?<n>[一二三四五六七八九十]{1,3})\s*[、,.．:]\s*(?<t>[^。;；]{1,50}?)[。:]?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TopLevel();

    [GeneratedRegex(@"\G\s*[(](?<n>[一二三四五六七八九十]{1,3})[)]\s*(?<t>[^。;；]{1,50}?)[。:]?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex SecondLevel();
}
