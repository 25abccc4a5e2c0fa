using System.Text.RegularExpressions;

namespace Gongkai.Reports.Metadata;

/// <summary>Years and dates as reports write them: 2019年, 2020-02-10, 2020年2月10日, 二〇二〇年一月十五日.</summary>
internal static partial class ChineseDates
{
    public const int MinYear = 1990;
    public const int MaxYear = 2100;

    /// <summary>The first full date in <paramref name="matchText"/> at or after <paramref name="start"/>.</summary>
    public static (DateOnly Date, int Start, int End)? FindDate(string matchText, int start = 0, int length = -1)
    {
        if (length < 0)
        {
            length = matchText.Length - start;
        }

        var digits = DigitDate().Match(matchText, start, length);
        var numerals = NumeralDate().Match(matchText, start, length);
        Match? first = (digits.Success, numerals.Success) switch
        {
            (true, true) => digits.Index <= numerals.Index ? digits : numerals,
            (true, false) => digits,
            (false, true) => numerals,
            _ => null,
        };

        while (first is not null && first.Success)
        {
            var year = Number(first.Groups["y"].Value);
            var month = Number(first.Groups["m"].Value);
            var day = Number(first.Groups["d"].Value);
            if (year is >= MinYear and <= MaxYear && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
            {
                return (new DateOnly(year, month, day), first.Index, first.Index + first.Length);
            }

            first = first.NextMatch();
        }

        return null;
    }

    /// <summary>Years written as 2019年 / 二〇一九年 (not the year of a full date), with offsets.</summary>
    public static IEnumerable<(int Year, int Start, int End)> Years(string matchText, int start = 0, int length = -1)
    {
        if (length < 0)
        {
            length = matchText.Length - start;
        }

        for (var match = Year().Match(matchText, start, length); match.Success; match = match.NextMatch())
        {
            var year = Number(match.Groups["y"].Value);
            if (year is >= MinYear and <= MaxYear)
            {
                yield return (year, match.Index, match.Index + match.Length);
            }
        }
    }

    /// <summary>ASCII digits or Chinese numerals (二〇一九, 十二, 二十一) as a number; 0 when neither.</summary>
    public static int Number(string text)
    {
        if (text.Length == 0)
        {
            return 0;
        }

        if (char.IsAsciiDigit(text[0]))
        {
            return int.TryParse(text, out var value) ? value : 0;
        }

        const string Digits = "〇一二三四五六七八九";
        if (!text.Contains('十', StringComparison.Ordinal))
        {
            var value = 0;
            foreach (var c in text)
            {
                var digit = c is '○' or '零' or 'O' or 'o' ? 0 : Digits.IndexOf(c, StringComparison.Ordinal);
                if (digit < 0)
                {
                    return 0;
                }

                value = (value * 10) + digit;
            }

            return value;
        }

        return Sections.SectionFinder.ChineseNumber(text);
    }

    [GeneratedRegex(@"(?<!\d)(?<y>(?:19|20)\d{2})\s*[-/.年]\s*(?<m>\d{1,2})\s*[-/.月]\s*(?<d>\d{1,2})(?!\d)\s*日?", RegexOptions.CultureInvariant)]
    private static partial Regex DigitDate();

    [GeneratedRegex(@"(?<y>[〇○零一二三四五六七八九]{4})\s*年\s*(?<m>[一二三四五六七八九十]{1,2})\s*月\s*(?<d>[一二三四五六七八九十]{1,3})\s*日", RegexOptions.CultureInvariant)]
    private static partial Regex NumeralDate();

    [GeneratedRegex(@"(?:(?<!\d)(?<y>(?:19|20)\d{2})|(?<y>[〇○零一二三四五六七八九]{4}))\s*年(?!\s*\d{1,2}\s*月)", RegexOptions.CultureInvariant)]
    private static partial Regex Year();
}
