using System.Text;

namespace Gongkai.Reports.Metrics;

/// <summary>
/// Normalises labels for matching: keeps letters, digits and CJK characters of the match text and drops
/// whitespace and punctuation, so that “（一）予以公开”, “(一) 予以公开” and “一、予以公开” compare alike.
/// </summary>
internal static class LabelText
{
    public static string Normalize(string matchText)
    {
        if (matchText.Length == 0)
        {
            return matchText;
        }

        var keepAll = true;
        foreach (var c in matchText)
        {
            if (!Keep(c) || MatchFold.NeedsFold(c))
            {
                keepAll = false;
                break;
            }
        }

        if (keepAll)
        {
            return matchText;
        }

        var builder = new StringBuilder(matchText.Length);
        foreach (var c in matchText)
        {
            if (Keep(c))
            {
                builder.Append(MatchFold.Fold(c));
            }
        }

        return builder.ToString();
    }

    /// <summary>Strips leading outline numbering (一 / 1 / 十二 …) from a normalised label.</summary>
    public static ReadOnlySpan<char> StripNumbering(ReadOnlySpan<char> normalized)
    {
        var i = 0;
        while (i < normalized.Length && i < 3 && (char.IsAsciiDigit(normalized[i]) || "一二三四五六七八九十".Contains(normalized[i])))
        {
            i++;
        }

        return i < normalized.Length ? normalized[i..] : normalized;
    }

    public static bool ContainsAny(string text, ReadOnlySpan<string> cues)
    {
        foreach (var cue in cues)
        {
            if (text.Contains(cue, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Keep(char c) =>
        char.IsLetterOrDigit(c) && c != '\u3000' || c is >= '\u4E00' and <= '\u9FFF' || c is >= '\u3400' and <= '\u4DBF';
}
