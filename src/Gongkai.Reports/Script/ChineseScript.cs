namespace Gongkai.Reports;

/// <summary>
/// Traditional → Simplified conversion char for char (offsets survive), and the script of a text, from the
/// table generated out of Unicode's Unihan variants data (<see cref="ChineseScriptTable"/>).
/// </summary>
public static class ChineseScript
{
    // One slot per UTF-16 code unit: the Simplified form, or '\0' when the character stays as written.
    private static readonly char[] SimplifiedOf = BuildSimplifiedOf();
    private static readonly bool[] DistinctlySimplified = BuildFlags(ChineseScriptTable.DistinctlySimplified);
    private static readonly bool[] Common = BuildFlags(ChineseScriptTable.Common);

    /// <summary>The minority script must reach this share of distinctive characters for a text to be mixed.</summary>
    public const double MixedThreshold = 0.05;

    public static string ToSimplified(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Convert(s, fold: false);
    }

    /// <summary>
    /// <see cref="ToSimplified"/> plus full-width ASCII (digits, letters, punctuation) and ideographic space
    /// folded to ASCII; the result has the same length as <paramref name="s"/>.
    /// </summary>
    public static string ToMatchText(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Convert(s, fold: true);
    }

    public static char ToMatchChar(char c)
    {
        if (c >= '\uFF01' && c <= '\uFF5E')
        {
            return (char)(c - 0xFEE0);
        }

        if (c == '\u3000' || c == '\u00A0')
        {
            return ' ';
        }

        var simplified = SimplifiedOf[c];
        return simplified == '\0' ? c : simplified;
    }

    /// <summary>True for a character that has exactly one Simplified form other than itself.</summary>
    public static bool IsTraditional(char c) => SimplifiedOf[c] != '\0';

    /// <summary>True for a Simplified form that is not also its own Traditional form (发, not 后).</summary>
    public static bool IsSimplified(char c) => DistinctlySimplified[c];

    /// <summary>
    /// True for a character in everyday use (通用规范汉字表 level 1, Unihan kFrequency 1–4, and their
    /// Traditional forms); decoding is judged by the share of these.
    /// </summary>
    public static bool IsCommon(char c) => Common[c];

    /// <summary>True for a CJK Unified Ideograph (basic block, extension A or compatibility block).</summary>
    public static bool IsHan(char c) =>
        (c >= '\u4E00' && c <= '\u9FFF') || (c >= '\u3400' && c <= '\u4DBF') || (c >= '\uF900' && c <= '\uFAFF');

    /// <summary><c>simplified</c>, <c>traditional</c> or <c>mixed</c>, from distinctive characters.</summary>
    public static string Classify(ReadOnlySpan<char> text)
    {
        var (traditional, simplified) = Count(text);
        return Classify(traditional, simplified);
    }

    public static string Classify(int traditional, int simplified)
    {
        var total = traditional + simplified;
        if (total == 0)
        {
            return ReportScripts.Simplified;
        }

        var traditionalShare = (double)traditional / total;
        if (traditionalShare < MixedThreshold)
        {
            return ReportScripts.Simplified;
        }

        return traditionalShare > 1 - MixedThreshold ? ReportScripts.Traditional : ReportScripts.Mixed;
    }

    public static (int Traditional, int Simplified) Count(ReadOnlySpan<char> text)
    {
        int traditional = 0, simplified = 0;
        foreach (var c in text)
        {
            if (SimplifiedOf[c] != '\0')
            {
                traditional++;
            }
            else if (DistinctlySimplified[c])
            {
                simplified++;
            }
        }

        return (traditional, simplified);
    }

    private static string Convert(string s, bool fold)
    {
        var first = -1;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if ((fold ? ToMatchChar(c) : Simplify(c)) != c)
            {
                first = i;
                break;
            }
        }

        if (first < 0)
        {
            return s;
        }

        return string.Create(s.Length, (s, first, fold), static (span, state) =>
        {
            var (source, start, foldWidth) = state;
            source.AsSpan(0, start).CopyTo(span);
            for (var i = start; i < source.Length; i++)
            {
                span[i] = foldWidth ? ToMatchChar(source[i]) : Simplify(source[i]);
            }
        });
    }

    private static char Simplify(char c)
    {
        var simplified = SimplifiedOf[c];
        return simplified == '\0' ? c : simplified;
    }

    private static char[] BuildSimplifiedOf()
    {
        var table = new char[char.MaxValue + 1];
        var from = ChineseScriptTable.Traditional;
        var to = ChineseScriptTable.Simplified;
        for (var i = 0; i < from.Length; i++)
        {
            table[from[i]] = to[i];
        }

        return table;
    }

    private static bool[] BuildFlags(string characters)
    {
        var table = new bool[char.MaxValue + 1];
        foreach (var c in characters)
        {
            table[c] = true;
        }

        return table;
    }
}
