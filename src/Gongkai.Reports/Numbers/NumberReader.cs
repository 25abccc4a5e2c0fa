using System.Globalization;

namespace Gongkai.Reports.Numbers;

/// <summary>
/// Reads numbers as Chinese reports write them: ASCII or full-width digits, thousands separators (1,286 / 1，286, and
/// 7 743件 where a unit settles it),
/// decimals, a unit after the number (251000元, 12.36万元), 万 as ×10,000, Chinese numerals (一, 两, 一百零五, 〇),
/// stray spaces before the unit (<c>1 件</c>). Works on spans, allocating only the unit string it returns.
/// </summary>
public static class NumberReader
{
    // Units a count or an amount is written with, longest first so 万元 wins over 万 and 人次 over 人.
    private static readonly string[] Units = SortLongestFirst(
    [
        "万元", "万条", "万件", "万人次", "万次", "万个", "万份", "万项", "万宗", "万余条", "万余件", "万余人次", "万余次", "万余元",
        "人次", "余件", "余条", "余宗", "余次", "余个", "余项", "余人次",
        "条", "件", "宗", "起", "次", "个", "项", "份", "篇", "期", "家", "人", "元", "宗次", "批",
    ]);

    private static readonly string UnitFirstChars = new([.. Units.Select(u => u[0]).Distinct()]);

    private static string[] SortLongestFirst(string[] units) =>
        [.. units.OrderByDescending(u => u.Length).ThenBy(u => u, StringComparer.Ordinal)];

    private static readonly FrozenWords NotStatedWords = new(["-", "--", "—", "——", "–", "―", "/", "\\", "无", "空", "×", "x", "X", "_", "不适用", "暂无", "－", "／", "—/—", "无此项", "//"]);

    /// <summary>Reads a whole table cell (its match text: Simplified, ASCII punctuation).</summary>
    public static WrittenNumber ReadCell(ReadOnlySpan<char> cell)
    {
        cell = TrimAll(cell);
        if (cell.IsEmpty || NotStatedWords.Contains(cell))
        {
            return WrittenNumber.NotStated;
        }

        if (LooksDamaged(cell))
        {
            return WrittenNumber.Damaged;
        }

        var start = 0;
        if (cell[0] == '约' || cell[0] == '共')
        {
            start = 1;
        }

        var number = ReadAt(cell, start, allowBareNumber: true, allowNegative: true);
        if (!number.IsNumber)
        {
            return number.Kind == WrittenNumberKind.Percentage ? number : WrittenNumber.Text;
        }

        var rest = TrimAll(cell[(start + number.Length)..]);
        if (rest.IsEmpty)
        {
            return number;
        }

        if (rest[0] is '%' or '％' or '‰')
        {
            return WrittenNumber.Percentage;
        }

        // A remark in brackets after the figure (“5（含转办2件）”) leaves the figure readable.
        if (rest[0] is '(' or '（' or '[' or '【')
        {
            return number;
        }

        return WrittenNumber.Text;
    }

    /// <summary>
    /// Reads a number starting exactly at <paramref name="start"/> in running text: digits or Chinese numerals,
    /// then optional spaces, 万, and a unit. With <paramref name="allowBareNumber"/> false a unit is required.
    /// </summary>
    public static WrittenNumber ReadAt(ReadOnlySpan<char> text, int start, bool allowBareNumber = false, bool allowNegative = false)
    {
        if ((uint)start >= (uint)text.Length)
        {
            return WrittenNumber.Text;
        }

        var i = start;
        var negative = false;
        if (allowNegative && (text[i] == '-' || text[i] == '－' || text[i] == '−') && i + 1 < text.Length && IsDigit(text[i + 1]))
        {
            negative = true;
            i++;
        }

        decimal written;
        if (IsDigit(text[i]))
        {
            if (!TryReadDigits(text, ref i, out written))
            {
                return WrittenNumber.Text;
            }
        }
        else if (ChineseNumerals.IsNumeralChar(text[i]))
        {
            var j = i;
            while (j < text.Length && ChineseNumerals.IsNumeralChar(text[j]))
            {
                j++;
            }

            if (j - i > 12)
            {
                return WrittenNumber.Text; // a run of numerals that long is not a count
            }

            if (!ChineseNumerals.TryParse(text[i..j], out var chinese, allowWan: false))
            {
                return WrittenNumber.Text;
            }

            written = chinese;
            i = j;
        }
        else
        {
            return WrittenNumber.Text;
        }

        if (negative)
        {
            written = -written;
        }

        var numberEnd = i;
        // Stray spaces between a number and its unit (“1 件”), at most two.
        var k = i;
        while (k < text.Length && k - i < 2 && IsSpace(text[k]))
        {
            k++;
        }

        if (k < text.Length && text[k] is '%' or '％' or '‰')
        {
            return WrittenNumber.Percentage with { Length = k + 1 - start };
        }

        var unit = MatchUnit(text, k);
        if (unit is null)
        {
            if (!allowBareNumber)
            {
                return WrittenNumber.Text;
            }

            // A bare 万 without a unit after it still multiplies (“12.85万”).
            if (k < text.Length && (text[k] == '万' || text[k] == '萬'))
            {
                return new WrittenNumber(WrittenNumberKind.Number, written * 10_000, written, "万", 10_000, k + 1 - start);
            }

            return new WrittenNumber(WrittenNumberKind.Number, written, written, null, 1, numberEnd - start);
        }

        var multiplier = unit.Contains('万') ? 10_000m : 1m;
        return new WrittenNumber(WrittenNumberKind.Number, written * multiplier, written, unit, multiplier, k + unit.Length - start);
    }

    /// <summary>
    /// True when the text is nothing but a unit (<c>件</c>, <c>万元</c>, <c>（人次）</c>): a 统计表's 单位 cell, which a
    /// cell-per-line text copy puts on a line of its own.
    /// </summary>
    public static bool IsUnit(ReadOnlySpan<char> text)
    {
        text = TrimAll(text);
        if (text.Length > 2 && text[0] is '(' or '（' && text[^1] is ')' or '）')
        {
            text = TrimAll(text[1..^1]);
        }

        return !text.IsEmpty && MatchUnit(text, 0) is { } unit && unit.Length == text.Length;
    }

    /// <summary>True when the character can start a number (a digit or a Chinese numeral).</summary>
    public static bool CanStartNumber(char c) => IsDigit(c) || ChineseNumerals.IsNumeralChar(c);

    public static bool IsDigit(char c) => c is >= '0' and <= '9' or >= '０' and <= '９';

    private static int DigitOf(char c) => c <= '9' ? c - '0' : c - '０';

    private static bool TryReadDigits(ReadOnlySpan<char> text, ref int i, out decimal value)
    {
        // Integer part with optional thousands separators: a separator counts only before exactly three digits.
        long integer = 0;
        var digits = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsDigit(c))
            {
                if (digits >= 18)
                {
                    value = 0;
                    return false;
                }

                integer = integer * 10 + DigitOf(c);
                digits++;
                i++;
                continue;
            }

            if ((c == ',' || c == '，' || c == '､') && digits is > 0 and <= 3 + 18 && ThreeDigitsFollow(text, i + 1))
            {
                i++;
                continue;
            }

            // A space as the thousands separator (7 743件) only where nothing else can be meant: after a first group
            // of at most three digits, single spaces each followed by exactly three digits, and then the unit.
            if (digits <= 3 && IsGroupSpace(c) && SpaceGroupsEnd(text, i) is > 0 and var groupsEnd)
            {
                for (; i < groupsEnd; i++)
                {
                    if (IsDigit(text[i]))
                    {
                        integer = integer * 10 + DigitOf(text[i]);
                        digits++;
                    }
                }

                break;
            }

            break;
        }

        value = integer;
        if (i + 1 < text.Length && (text[i] == '.' || text[i] == '．') && IsDigit(text[i + 1]))
        {
            i++;
            decimal scale = 0.1m;
            var fractionDigits = 0;
            while (i < text.Length && IsDigit(text[i]))
            {
                if (fractionDigits < 10)
                {
                    value += DigitOf(text[i]) * scale;
                    scale /= 10;
                }

                fractionDigits++;
                i++;
            }
        }

        return true;
    }

    private static bool IsGroupSpace(char c) => c is ' ' or '\u00A0' or '\u2009' or '\u202F';

    /// <summary>Where a run of “ ddd” groups starting at <paramref name="at"/> ends, when a unit follows it; else -1.</summary>
    private static int SpaceGroupsEnd(ReadOnlySpan<char> text, int at)
    {
        // At most five groups (18 digits fit a long with room to spare).
        var k = at;
        while (k - at < 5 * 4 && k + 4 <= text.Length && IsGroupSpace(text[k]) && IsDigit(text[k + 1]) && IsDigit(text[k + 2]) && IsDigit(text[k + 3]))
        {
            k += 4;
        }

        if (k == at || (k < text.Length && IsDigit(text[k])))
        {
            return -1;
        }

        return MatchUnit(text, k) is null ? -1 : k;
    }

    private static bool ThreeDigitsFollow(ReadOnlySpan<char> text, int at)
    {
        if (at + 3 > text.Length)
        {
            return false;
        }

        for (var k = at; k < at + 3; k++)
        {
            if (!IsDigit(text[k]))
            {
                return false;
            }
        }

        return at + 3 == text.Length || !IsDigit(text[at + 3]);
    }

    private static string? MatchUnit(ReadOnlySpan<char> text, int at)
    {
        if (at >= text.Length)
        {
            return null;
        }

        var first = text[at];
        if (first != '萬' && UnitFirstChars.IndexOf(first) < 0)
        {
            return null;
        }

        var rest = text[at..];
        foreach (var unit in Units)
        {
            if (rest.StartsWith(unit, StringComparison.Ordinal))
            {
                return unit;
            }
        }

        // Traditional 萬 in text that was not folded.
        if (rest.Length >= 2 && rest[0] == '萬')
        {
            foreach (var unit in Units)
            {
                if (unit[0] == '万' && rest[1..].StartsWith(unit.AsSpan(1), StringComparison.Ordinal))
                {
                    return unit;
                }
            }
        }

        return null;
    }

    /// <summary>Replacement characters, question marks among digits and the classic mojibake pairs mark a damaged figure.</summary>
    public static bool LooksDamaged(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c == '\uFFFD' || c == '?' || c == '？' || c == '锟' || c == '烫' || c == '屯' || c == '銆' || c == '鈥' || (c >= '\uE000' && c <= '\uF8FF'))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsSpace(char c) => c is ' ' or '\u00A0' or '\u3000' or '\t' or '\u2002' or '\u2003' or '\u2009' or '\u200B';

    private static ReadOnlySpan<char> TrimAll(ReadOnlySpan<char> s)
    {
        var a = 0;
        var b = s.Length;
        while (a < b && (IsSpace(s[a]) || s[a] is '\r' or '\n'))
        {
            a++;
        }

        while (b > a && (IsSpace(s[b - 1]) || s[b - 1] is '\r' or '\n'))
        {
            b--;
        }

        return s[a..b];
    }

    internal static string Format(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    internal static string Format(decimal value, int decimals) => Math.Round(value, decimals).ToString("0.##########", CultureInfo.InvariantCulture);

    /// <summary>A tiny set of short words matched against spans without allocating.</summary>
    private sealed class FrozenWords(string[] words)
    {
        public bool Contains(ReadOnlySpan<char> s)
        {
            foreach (var w in words)
            {
                if (s.SequenceEqual(w))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
