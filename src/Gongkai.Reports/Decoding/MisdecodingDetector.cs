namespace Gongkai.Reports.Decoding;

/// <summary>
/// Finds text that was decoded with the wrong charset before it reached us: U+FFFD runs, and the
/// <c>?!巴夤_”</c> pattern (UTF-8 read as GBK and written out again: a <c>?</c> where a byte pair was invalid,
/// then rare characters and ASCII punctuation where quotes and common words should be).
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
            if (c == '\uFFFD' || (c == '?' && InCjkContext(text, i)))
            {
                var end = Extend(text, i);
                if (spans.Count > 0 && spans[^1].End >= i - 1)
                {
                    spans[^1] = (spans[^1].Start, end);
                }
                else
                {
                    spans.Add((i, end));
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
            if (c == '\uFFFD' || c == '?' || IsJunkAscii(c) || (ChineseScript.IsHan(c) && !ChineseScript.IsCommon(c)))
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

    private static bool IsDamage(char c) =>
        c == '\uFFFD' || c == '?' || IsJunkAscii(c) || (ChineseScript.IsHan(c) && !ChineseScript.IsCommon(c));

    private static bool IsJunkAscii(char c) => c is '!' or '_' or '`' or '^' or '~' or '|' or '\\' or '@' or '#' or '$' or '[' or ']' or '{' or '}';

    private static bool IsWide(char c) => c >= '\u2E80';
}
