using System.Collections.Frozen;
using System.Text;

namespace Gongkai.Reports.Html;

/// <summary>
/// Decodes character references the way a browser does (WHATWG "character reference state"): every named
/// reference of the HTML standard (<see cref="HtmlEntityTable"/>), the legacy names also without their semicolon
/// (<c>&amp;nbsp</c>, <c>&amp;copy2019</c>), decimal and hexadecimal references with or without the semicolon,
/// and the numeric repairs (<c>&amp;#150;</c> is windows-1252's en dash, 0 and surrogates become U+FFFD).
/// </summary>
internal static class HtmlCharacterReferences
{
    /// <summary>The most UTF-16 chars one reference stands for.</summary>
    public const int MaxDecodedLength = 2;

    private const int LongestName = 32;
    private const int LongestLegacyName = 6;

    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> NamedBySpan =
        HtmlEntityTable.Named.ToFrozenDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> LegacyBySpan =
        HtmlEntityTable.Legacy.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    // What windows-1252 puts at 0x80–0x9F: HTML reads &#128;–&#159; as these (Word pastes &#150; for –).
    private static readonly string Windows1252 =
        "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F" +
        "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

    /// <summary>The text with its character references decoded (the same instance when it has none).</summary>
    public static string Decode(string text, bool inAttribute = false) =>
        text.Contains('&', StringComparison.Ordinal) ? Decode(text.AsSpan(), inAttribute) : text;

    public static string Decode(ReadOnlySpan<char> text, bool inAttribute = false)
    {
        var builder = new StringBuilder(text.Length);
        Span<char> decoded = stackalloc char[MaxDecodedLength];
        while (!text.IsEmpty)
        {
            var amp = text.IndexOf('&');
            if (amp < 0)
            {
                builder.Append(text);
                break;
            }

            builder.Append(text[..amp]);
            text = text[amp..];
            var consumed = TryDecode(text, inAttribute, decoded, out var written);
            if (consumed == 0)
            {
                builder.Append('&');
                text = text[1..];
                continue;
            }

            builder.Append(decoded[..written]);
            text = text[consumed..];
        }

        return builder.ToString();
    }

    /// <summary>
    /// Reads the reference at the start of <paramref name="text"/> (which starts with <c>&amp;</c>) into
    /// <paramref name="decoded"/> (room for <see cref="MaxDecodedLength"/> chars). Returns how many chars it spans, 0 when it is not a reference.
    /// </summary>
    public static int TryDecode(ReadOnlySpan<char> text, bool inAttribute, Span<char> decoded, out int written)
    {
        written = 0;
        if (text.Length < 2)
        {
            return 0;
        }

        return text[1] == '#' ? TryDecodeNumeric(text, decoded, out written) : TryDecodeNamed(text, inAttribute, decoded, out written);
    }

    private static int TryDecodeNumeric(ReadOnlySpan<char> text, Span<char> decoded, out int written)
    {
        written = 0;
        var i = 2;
        var hex = i < text.Length && text[i] is 'x' or 'X';
        if (hex)
        {
            i++;
        }

        var digitsStart = i;
        long value = 0;
        while (i < text.Length && (hex ? char.IsAsciiHexDigit(text[i]) : char.IsAsciiDigit(text[i])))
        {
            value = Math.Min((value * (hex ? 16 : 10)) + HexValue(text[i]), 0x110000);
            i++;
        }

        if (i == digitsStart)
        {
            return 0;
        }

        if (i < text.Length && text[i] == ';')
        {
            i++;
        }

        var code = (int)value;
        if (code is 0 or > 0x10FFFF || (code is >= 0xD800 and <= 0xDFFF))
        {
            code = 0xFFFD;
        }
        else if (code is >= 0x80 and <= 0x9F)
        {
            code = Windows1252[code - 0x80];
        }

        written = new Rune(code).EncodeToUtf16(decoded);
        return i;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private static int TryDecodeNamed(ReadOnlySpan<char> text, bool inAttribute, Span<char> decoded, out int written)
    {
        written = 0;
        var end = 1;
        while (end < text.Length && end <= LongestName && char.IsAsciiLetterOrDigit(text[end]))
        {
            end++;
        }

        if (end == 1)
        {
            return 0;
        }

        if (end < text.Length && text[end] == ';' && NamedBySpan.TryGetValue(text[1..end], out var value))
        {
            value.CopyTo(decoded);
            written = value.Length;
            return end + 1;
        }

        // Without a semicolon only the legacy names count, the longest that fits (&notit → ¬it).
        for (var length = Math.Min(end - 1, LongestLegacyName); length >= 2; length--)
        {
            var name = text.Slice(1, length);
            if (!LegacyBySpan.Contains(name))
            {
                continue;
            }

            // In an attribute value, &copy=… and &copyx stay as written (they are query strings, not references).
            var next = 1 + length;
            if (inAttribute && next < text.Length && (text[next] == '=' || char.IsAsciiLetterOrDigit(text[next])))
            {
                return 0;
            }

            NamedBySpan.TryGetValue(name, out var legacy);
            legacy!.CopyTo(decoded);
            written = legacy.Length;
            return next;
        }

        return 0;
    }
}
