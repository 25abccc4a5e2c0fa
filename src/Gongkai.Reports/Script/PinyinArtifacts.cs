using System.Text;

namespace Gongkai.Reports;

/// <summary>
/// Removes the pinyin one Traditional converter leaves after characters it converted: <c>根據(jù)</c>,
/// <c>現(xiàn)</c>, <c>開(kāi)</c>, <c>規(guī)</c>. A run qualifies when it directly follows a Han character, is
/// wrapped in parentheses, holds only pinyin letters, and carries a tone mark (so <c>(a)</c> and
/// <c>(abc)</c> stay).
/// </summary>
public static class PinyinArtifacts
{
    private const int MaxSyllableLength = 7;

    /// <summary>The line without artifacts, and how many were removed.</summary>
    public static string Remove(string line, out int removed)
    {
        removed = 0;
        var open = line.IndexOfAny(['(', '（']);
        if (open < 0)
        {
            return line;
        }

        StringBuilder? output = null;
        var copied = 0;
        while (open >= 0)
        {
            var length = ArtifactLength(line, open);
            if (length > 0)
            {
                output ??= new StringBuilder(line.Length);
                output.Append(line, copied, open - copied);
                copied = open + length;
                removed++;
            }

            var next = length > 0 ? open + length : open + 1;
            open = next < line.Length ? line.IndexOfAny(['(', '（'], next) : -1;
        }

        if (output is null)
        {
            return line;
        }

        output.Append(line, copied, line.Length - copied);
        return output.ToString();
    }

    private static int ArtifactLength(string line, int open)
    {
        if (open == 0 || !ChineseScript.IsHan(line[open - 1]))
        {
            return 0;
        }

        var toned = false;
        var i = open + 1;
        for (; i < line.Length && i - open - 1 <= MaxSyllableLength; i++)
        {
            var c = line[i];
            if (c is ')' or '）')
            {
                break;
            }

            if (IsToneMarked(c))
            {
                toned = true;
            }
            else if (c is not (>= 'a' and <= 'z') && c != 'ü')
            {
                return 0;
            }
        }

        var letters = i - open - 1;
        if (i >= line.Length || line[i] is not (')' or '）') || letters == 0 || letters > MaxSyllableLength || !toned)
        {
            return 0;
        }

        return letters + 2;
    }

    private static bool IsToneMarked(char c) => "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ".Contains(c);
}
