using System.Text.RegularExpressions;
using Gongkai.Harvest.Portals;

namespace Gongkai.Harvest.Discovery;

/// <summary>Decides from a link's text whether it names an annual report, and which year.</summary>
public static partial class ReportLinkMatcher
{
    /// <summary>Whether <paramref name="text"/> passes the rules; <paramref name="year"/> is the year it names, if any.</summary>
    public static bool IsReport(string text, ReportLinkRules rules, out int? year)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(rules);
        year = FindYear(text);
        if (text.Length == 0)
        {
            return false;
        }

        foreach (var include in rules.Include)
        {
            if (!include.IsMatch(text))
            {
                return false;
            }
        }

        foreach (var exclude in rules.Exclude)
        {
            if (exclude.IsMatch(text))
            {
                return false;
            }
        }

        return year is not null || !rules.RequireYear;
    }

    /// <summary>The first plausible report year (1990–2099) in the text: "2021年", "2021年度", or a bare 2021.</summary>
    public static int? FindYear(string text)
    {
        var match = YearWithMarker().Match(text);
        if (!match.Success)
        {
            match = BareYear().Match(text);
        }

        return match.Success ? int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"(?<!\d)((?:199|20\d)\d)\s*年")]
    private static partial Regex YearWithMarker();

    [GeneratedRegex(@"(?<!\d)((?:199|20\d)\d)(?!\d)")]
    private static partial Regex BareYear();
}
