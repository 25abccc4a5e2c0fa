namespace Gongkai.Reports.Decoding;

/// <summary>
/// Finds text that was decoded wrongly before it reached us: U+FFFD runs, private-use characters, and the
/// <c>?!巴夤_”</c> pattern (a double-byte stream read out of step after a lost byte: a <c>?</c> where a byte
/// pair was invalid, then rare characters and stray punctuation where quotes and common words should be).
/// </summary>
public static class MisdecodingDetector
{
    private const int Window = 12;

    /// <summary>Damaged spans as (start, end) offsets into <paramref name="text"/>.</summary>
    public static List<(int Start, int End)> Find(string text)
    {
        var spans = new List<(int Start, int End)>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\uFFFD' || IsPrivateUse(c) || (c == '?' && InCjkContext(text, i)))
            {
                var end = Extend(text, i);
                var start = ExtendBack(text, i);
                if (spans.Count > 0 && spans[^1].End >= start - 1)
                {
                    spans[^1] = (spans[^1].Start, end);
                }
                else
                {
                    spans.Add((start, end));
                }

                i = end;
                continue;
            }

            i++;
        }

        return spans;
    }

    // A question mark in Chinese text (not in a URL, not after a Latin word) followed by Chinese or stray
    // punctuation stands for lost bytes.
    private static bool InCjkContext(string text, int at)
    {
        var before = at > 0 ? text[at - 1] : ' ';
        var after = at + 1 < text.Length ? text[at + 1] : ' ';
        var beforeFits = IsWide(before) || (char.IsAsciiDigit(before) || before is '%' or ')' or '.' or ',') && NearWide(text, at);
        return beforeFits && (IsWide(after) || IsJunkAscii(after));
    }

    private static bool NearWide(string text, int at)
    {
        for (var i = Math.Max(0, at - 8); i < at; i++)
        {
            if (IsWide(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    // The damage runs on over rare characters and stray ASCII punctuation, and ends at ordinary text.
    private static int Extend(string text, int start)
    {
        var end = start + 1;
        var limit = Math.Min(text.Length, start + Window);
        for (var i = start + 1; i < limit; i++)
        {
            var c = text[i];
            if (IsDamage(c))
            {
                end = i + 1;
                continue;
            }

            // A common character inside the damage (巴 in ?!巴夤_) still belongs to it when more damage follows.
            if (ChineseScript.IsHan(c) && i + 1 < limit && IsDamage(text[i + 1]))
            {
                continue;
            }

            break;
        }

        return end;
    }

    // A misaligned double-byte stream starts a little before the first impossible character: ！巴 in ！巴.夤.
    private static int ExtendBack(string text, int start)
    {
        var limit = Math.Max(0, start - 3);
        for (var i = start - 1; i >= limit; i--)
        {
            var c = text[i];
            var previous = i > 0 ? text[i - 1] : ' ';
            if (IsDamage(c) || c == '！' || (ChineseScript.IsHan(c) && (IsDamage(previous) || previous == '！')))
            {
                start = i;
                continue;
            }

            break;
        }

        return start;
    }

    private static bool IsDamage(char c) =>
        c == '\uFFFD' || c == '?' || IsPrivateUse(c) || IsJunkAscii(c) || (ChineseScript.IsHan(c) && !ChineseScript.IsCommon(c));

    // GBK's user-defined area decodes to private-use characters; a report never contains them.
    private static bool IsPrivateUse(char c) => c >= '\uE000' && c <= '\uF8FF';

    private static bool IsJunkAscii(char c) => c is '!' or '_' or '`' or '^' or '~' or '|' or '\\' or '@' or '#' or '$' or '[' or ']' or '{' or '}';

    private static bool IsWide(char c) => c >= '\u2E80';
}
