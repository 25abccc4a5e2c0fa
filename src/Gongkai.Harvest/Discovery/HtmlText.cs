using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace Gongkai.Harvest.Discovery;

/// <summary>
/// Decodes listing and report pages just enough to read their links. The stored bytes are never re-encoded:
/// choosing the report's charset is the parser's job; this only has to read anchors and titles right.
/// </summary>
public static partial class HtmlText
{
    static HtmlText()
    {
        // GBK/GB2312/GB18030 and Big5 live in the code-pages provider; registering it twice is harmless.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Decodes HTML bytes: a BOM wins; otherwise bytes that are valid UTF-8 are UTF-8 (Chinese GBK text almost never is),
    /// otherwise the charset the header or the page declares, otherwise GB18030 (a superset of GB2312 and GBK).
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string? contentType)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Encoding.UTF8.GetString(bytes[3..]);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(bytes[2..]);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8, whatever anyone claims.
        }

        var declared = DeclaredCharset(bytes, contentType);
        Encoding? encoding = null;
        if (declared is not null && !declared.Contains("utf", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                encoding = Encoding.GetEncoding(declared);
            }
            catch (ArgumentException)
            {
                encoding = null;
            }
        }

        // GB2312 and GBK declarations are read as GB18030: pages labelled GB2312 routinely use GBK characters.
        if (encoding is null || encoding.CodePage is 936 or 20936)
        {
            encoding = Encoding.GetEncoding("GB18030");
        }

        return encoding.GetString(bytes);
    }

    private static string? DeclaredCharset(ReadOnlySpan<byte> bytes, string? contentType)
    {
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 2048)]);
        var meta = MetaCharset().Match(head);
        if (meta.Success)
        {
            return meta.Groups[1].Value;
        }

        if (contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var media) && !string.IsNullOrEmpty(media.CharSet))
        {
            return media.CharSet.Trim('"');
        }

        return null;
    }

    /// <summary>Collapses runs of white space (including full-width spaces and &amp;nbsp;) to one space and trims.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        return Whitespace().Replace(System.Net.WebUtility.HtmlDecode(text), " ").Trim();
    }

    [GeneratedRegex("""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();

    [GeneratedRegex(@"[\s\u00A0\u3000]+")]
    private static partial Regex Whitespace();
}
