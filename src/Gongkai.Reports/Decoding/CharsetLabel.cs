using System.Text;
using System.Text.RegularExpressions;

namespace Gongkai.Reports.Decoding;

/// <summary>Reads charset labels from a Content-Type header or a page's meta tags and maps them to encodings.</summary>
internal static partial class CharsetLabel
{
    // Meta tags sit in the head; browsers look at the first 1024 bytes, CMS pages often put them later.
    private const int MetaScanBytes = 8192;

    static CharsetLabel() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static string? FromContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }

        var match = ContentTypeCharset().Match(contentType);
        return match.Success ? match.Groups[1].Value.Trim().ToLowerInvariant() : null;
    }

    public static string? FromMeta(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, MetaScanBytes)]);
        foreach (Match meta in MetaTag().Matches(head))
        {
            var charset = MetaCharset().Match(meta.Value);
            if (charset.Success)
            {
                return charset.Groups[1].Value.ToLowerInvariant();
            }
        }

        return null;
    }

    /// <summary>The canonical web name for a label, folding the GB family onto its superset GB18030.</summary>
    public static string? Canonical(string? label) => label switch
    {
        null or "" => null,
        "utf-8" or "utf8" or "unicode-1-1-utf-8" => "utf-8",
        "gb2312" or "gbk" or "x-gbk" or "gb18030" or "gb_2312-80" or "csgb2312" or "chinese" or "iso-ir-58"
            or "cp936" or "windows-936" or "euc-cn" or "x-euc-cn" => "gb18030",
        "big5" or "big-5" or "big5-hkscs" or "cn-big5" or "csbig5" or "x-x-big5" or "cp950" => "big5",
        "utf-16" or "utf-16le" => "utf-16le",
        "utf-16be" => "utf-16be",
        _ => TryWebName(label),
    };

    /// <summary>An encoding that decodes invalid sequences to U+FFFD, so they can be counted.</summary>
    public static Encoding Strictless(string webName) => webName switch
    {
        "utf-8" => new UTF8Encoding(false, false),
        _ => Encoding.GetEncoding(webName, EncoderFallback.ReplacementFallback, new DecoderReplacementFallback("\uFFFD")),
    };

    private static string? TryWebName(string label)
    {
        try
        {
            return Encoding.GetEncoding(label).WebName;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"charset\s*=\s*[""']?([A-Za-z0-9_\-:.]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ContentTypeCharset();

    [GeneratedRegex(@"<meta\b[^>]{0,512}>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaTag();

    [GeneratedRegex(@"charset\s*=\s*[""']?\s*([A-Za-z0-9_\-:.]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaCharset();
}
