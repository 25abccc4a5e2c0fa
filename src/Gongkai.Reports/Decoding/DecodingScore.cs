namespace Gongkai.Reports.Decoding;

/// <summary>
/// How plausible a decoding is as Chinese text: invalid sequences, and among the Han characters the share in
/// everyday use. A wrong GB/Big5/UTF-8 guess produces invalid sequences, private-use characters or rare Han
/// characters (Big5 bytes read as GBK give valid but rarely used characters).
/// </summary>
internal readonly record struct DecodingScore(int Invalid, int Han, int CommonHan, int Odd)
{
    public double Value => CommonHan + (0.2 * (Han - CommonHan)) - (10.0 * Invalid) - (3.0 * Odd);

    /// <summary>Share of Han characters in everyday use; 1 when there is no Han character.</summary>
    public double CommonShare => Han == 0 ? 1 : (double)CommonHan / Han;

    /// <summary>A clean decoding: nothing invalid and a Chinese-looking character mix.</summary>
    public bool IsConvincing => Invalid == 0 && Odd * 20 <= Han + 1 && CommonShare >= 0.6;

    public static DecodingScore Of(ReadOnlySpan<char> text)
    {
        int invalid = 0, han = 0, common = 0, odd = 0;
        foreach (var c in text)
        {
            if (c < '\u0080')
            {
                continue;
            }

            if (c == '\uFFFD')
            {
                invalid++;
            }
            else if (ChineseScript.IsHan(c))
            {
                han++;
                if (ChineseScript.IsCommon(c))
                {
                    common++;
                }
            }
            else if (IsOdd(c))
            {
                odd++;
            }
        }

        return new DecodingScore(invalid, han, common, odd);
    }

    // Characters a Chinese report does not use but wrong decodings produce: private use, Hangul, Latin-1
    // letters with accents (GBK read as windows-1252), box drawing, lone surrogates.
    private static bool IsOdd(char c) =>
        (c >= '\uE000' && c <= '\uF8FF')
        || (c >= '\uAC00' && c <= '\uD7AF')
        || (c >= '\u00C0' && c <= '\u024F')
        || (c >= '\u2500' && c <= '\u257F')
        || (c >= '\u0370' && c <= '\u04FF');
}
