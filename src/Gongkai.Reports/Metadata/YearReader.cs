using System.Text.RegularExpressions;

namespace Gongkai.Reports.Metadata;

/// <summary>
/// The year reported on, in order of trust: the title (2011年…年度报告), the first lines, the body's own framing
/// (2019年，我区… / 2013年1月1日至12月31日), the listing's link text, the lines around the body.
/// </summary>
internal static partial class YearReader
{
    public static (int? Year, string? Source) Read(MetadataSources sources, string? title)
    {
        if (title is not null && FromTitle(title) is { } fromTitle)
        {
            return (fromTitle, "title");
        }

        for (var i = 0; i < Math.Min(sources.Lines.Count, 3); i++)
        {
            var line = sources.MatchLine(i);
            if (line.Length <= TitleReader.MaxTitleLength && TitleReader.IsReportTitle(line) && FirstYear(line) is { } year)
            {
                return (year, "first lines");
            }
        }

        if (FromBody(sources) is { } fromBody)
        {
            return (fromBody, "body");
        }

        if (sources.LinkText is { } link && FirstYear(ChineseScript.ToMatchText(link)) is { } fromLink)
        {
            return (fromLink, "link text");
        }

        foreach (var line in sources.Before.Concat(sources.After))
        {
            var match = ChineseScript.ToMatchText(line);
            if (TitleReader.IsReportTitle(match) && FirstYear(match) is { } around)
            {
                return (around, "page");
            }
        }

        return (null, null);
    }

    /// <summary>The year a title names: one followed by 年度 first, else the first year.</summary>
    public static int? FromTitle(string title)
    {
        var match = ChineseScript.ToMatchText(title);
        int? first = null;
        foreach (var (year, _, end) in ChineseDates.Years(match))
        {
            if (end < match.Length && match[end] == '度')
            {
                return year;
            }

            first ??= year;
        }

        return first;
    }

    /// <summary>Votes from the body's framing sentences; the year with most votes.</summary>
    public static int? FromBody(MetadataSources sources) => Winner(BodyVotes(sources));

    /// <summary>The body's year when it is clearly stated: at least two votes and twice any other year's.</summary>
    public static int? ClearBodyYear(MetadataSources sources)
    {
        var votes = BodyVotes(sources);
        if (Winner(votes) is not { } winner || votes[winner] < 2)
        {
            return null;
        }

        return votes.All(v => v.Key == winner || v.Value * 2 <= votes[winner]) ? winner : null;
    }

    private static int? Winner(Dictionary<int, int> votes) =>
        votes.Count == 0 ? null : votes.OrderByDescending(v => v.Value).ThenBy(v => v.Key).First().Key;

    private static Dictionary<int, int> BodyVotes(MetadataSources sources)
    {
        var votes = new Dictionary<int, int>();
        var text = sources.MatchText;
        foreach (Match match in WholeYear().Matches(text))
        {
            Vote(votes, ChineseDates.Number(match.Groups["y"].Value), 3);
        }

        foreach (var (start, end) in sources.Lines)
        {
            var framing = LineFraming().Match(text, start, end - start);
            if (framing.Success)
            {
                Vote(votes, ChineseDates.Number(framing.Groups["y"].Value), 1);
            }
        }

        foreach (Match match in AgencyFraming().Matches(text))
        {
            Vote(votes, ChineseDates.Number(match.Groups["y"].Value), 1);
        }

        return votes;
    }

    private static void Vote(Dictionary<int, int> votes, int year, int weight)
    {
        if (year is >= ChineseDates.MinYear and <= ChineseDates.MaxYear)
        {
            votes[year] = votes.GetValueOrDefault(year) + weight;
        }
    }

    private static int? FirstYear(string matchText)
    {
        foreach (var (year, _, _) in ChineseDates.Years(matchText))
        {
            return year;
        }

        return null;
    }

    [GeneratedRegex(@"(?<y>(?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日(?:起)?\s*(?:至|到|-|—|~)\s*(?:(?:19|20)\d{2}\s*年\s*)?12\s*月\s*31\s*日", RegexOptions.CultureInvariant)]
    private static partial Regex WholeYear();

    [GeneratedRegex(@"\G\s*(?<y>(?:19|20)\d{2})\s*年度?\s*[,、]", RegexOptions.CultureInvariant)]
    private static partial Regex LineFraming();

    [GeneratedRegex(@"(?<y>(?:19|20)\d{2})\s*年度?\s*[,]?\s*(?:全年|本区|本市|本县|本局|本单位|本机关|我区|我市|我县|我局|我委|我办|我厅|我镇|我乡|我街|我中心|我署)", RegexOptions.CultureInvariant)]
    private static partial Regex AgencyFraming();
}
