namespace Gongkai.Reports.Numbers;

/// <summary>Reads numbers written in Chinese numerals (一, 两, 十二, 一百零五, 三千〇六, 二万五千).</summary>
public static class ChineseNumerals
{
    public static bool IsNumeralChar(char c) => DigitValue(c) >= 0 || UnitValue(c) > 0;

    /// <summary>The value of a digit character (〇零一二两三四五六七八九, also 壹贰叁…), or -1.</summary>
    public static int DigitValue(char c) => c switch
    {
        '〇' or '零' => 0,
        '一' or '壹' or '弌' => 1,
        '二' or '两' or '兩' or '贰' or '貳' => 2,
        '三' or '叁' or '參' => 3,
        '四' or '肆' => 4,
        '五' or '伍' => 5,
        '六' or '陆' or '陸' => 6,
        '七' or '柒' => 7,
        '八' or '捌' => 8,
        '九' or '玖' => 9,
        _ => -1,
    };

    private static int UnitValue(char c) => c switch
    {
        '十' or '拾' => 10,
        '百' or '佰' => 100,
        '千' or '仟' => 1000,
        _ => 0,
    };

    /// <summary>
    /// Parses a run of numeral characters. 万 is handled by the caller as a multiplier, so
    /// <c>二万五千</c> is read here only when <paramref name="allowWan"/> is set.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out long value, bool allowWan = true)
    {
        value = 0;
        if (text.IsEmpty)
        {
            return false;
        }

        long total = 0;   // completed 万 groups
        long section = 0; // below 万
        long digit = -1;  // the pending digit
        var digitsOnly = true;
        foreach (var c in text)
        {
            var d = DigitValue(c);
            if (d >= 0)
            {
                if (digit >= 0 && !digitsOnly)
                {
                    // Two digits in a row after a unit (一百零五 has 零 in between, which resets).
                    if (digit != 0)
                    {
                        return false;
                    }
                }

                if (digit >= 0 && digitsOnly)
                {
                    // Positional writing: 二〇一九 → 2019.
                    digit = digit * 10 + d;
                    continue;
                }

                digit = d;
                continue;
            }

            var unit = UnitValue(c);
            if (unit > 0)
            {
                digitsOnly = false;
                section += (digit < 0 ? 1 : digit) * unit;
                digit = -1;
                continue;
            }

            if ((c == '万' || c == '萬') && allowWan)
            {
                digitsOnly = false;
                section += Math.Max(digit, 0);
                total += (section == 0 ? 1 : section) * 10_000;
                section = 0;
                digit = -1;
                continue;
            }

            return false;
        }

        if (digit > 0)
        {
            section += digit;
        }

        value = total + section;
        return true;
    }
}
