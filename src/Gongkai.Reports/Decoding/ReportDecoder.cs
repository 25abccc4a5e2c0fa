using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Gongkai.Reports.Decoding;

/// <summary>
/// Turns a report's bytes into characters. Order of trust: a byte-order mark; then the charset the HTTP header
/// or the page declares, when the bytes decode cleanly with it; otherwise whichever of UTF-8, GB18030 and Big5
/// reads as the most plausible Chinese (<see cref="DecodingScore"/>). GB2312 and GBK labels are read as
/// GB18030, their superset, since pages labelled GB2312 routinely contain GBK and GB18030 characters.
/// </summary>
public static class ReportDecoder
{
    private static readonly string[] Candidates = ["utf-8", "gb18030", "big5"];

    public static DecodedText Decode(ReadOnlySpan<byte> bytes, string? contentType = null, string? fileName = null)
    {
        using var decoded = DecodePooled(bytes, contentType, fileName);
        return new DecodedText(decoded.Chars.ToString(), decoded.Decoding, decoded.IsHtml);
    }

    /// <summary>
    /// As <see cref="Decode"/>, but UTF-8 and ASCII pages (most of them) are decoded into a pooled buffer rather
    /// than a string: a report page's characters would otherwise be a new large-object-heap string per parse.
    /// </summary>
    internal static PooledText DecodePooled(ReadOnlySpan<byte> bytes, string? contentType, string? fileName)
    {
        var (chars, pooled, decoding) = DecodeCharacters(bytes, contentType);
        return new PooledText(chars, pooled, decoding, LooksLikeHtml(chars.Span, contentType, fileName));
    }

    private static (ReadOnlyMemory<char> Chars, char[]? Pooled, DecodingInfo Decoding) DecodeCharacters(ReadOnlySpan<byte> bytes, string? contentType)
    {
        if (TryBom(bytes, out var bomEncoding, out var bomLength))
        {
            var used = CharsetLabel.Strictless(bomEncoding);
            return (used.GetString(bytes[bomLength..]).AsMemory(), null, new DecodingInfo(bomEncoding, "bom"));
        }

        var httpLabel = CharsetLabel.FromContentType(contentType);
        var metaLabel = httpLabel is null ? CharsetLabel.FromMeta(bytes) : null;
        var declaredLabel = httpLabel ?? metaLabel;
        var declared = CharsetLabel.Canonical(declaredLabel);
        var decidedBy = httpLabel is not null ? "http" : "meta";

        if (!HasNonAscii(bytes))
        {
            var ascii = declared is "utf-16le" or "utf-16be" ? "utf-8" : declared ?? "utf-8";
            var (asciiChars, asciiPooled) = DecodeToPool(Encoding.ASCII, bytes);
            return (asciiChars, asciiPooled, new DecodingInfo(ascii, declared is null ? "default" : decidedBy, Differs(declaredLabel, ascii)));
        }

        // Valid UTF-8 with multi-byte sequences is almost never an accident in GB or Big5 text.
        if (Utf8.IsValid(bytes))
        {
            var (utf8, utf8Pooled) = DecodeToPool(Encoding.UTF8, bytes);
            var by = declared == "utf-8" ? decidedBy : "detected";
            return (utf8, utf8Pooled, new DecodingInfo("utf-8", by, Differs(declaredLabel, "utf-8")));
        }

        string? declaredText = null;
        var declaredScore = default(DecodingScore);
        if (declared is not null && declared != "utf-8" && IsSupported(declared))
        {
            declaredText = CharsetLabel.Strictless(declared).GetString(bytes);
            declaredScore = DecodingScore.Of(declaredText);
            if (declaredScore.IsConvincing)
            {
                return (declaredText.AsMemory(), null, new DecodingInfo(declared, decidedBy, Differs(declaredLabel, declared)));
            }
        }

        string? bestText = declaredText;
        var bestName = declaredText is null ? null : declared;
        var bestScore = declaredScore;
        foreach (var candidate in Candidates)
        {
            if (candidate == declared)
            {
                continue;
            }

            var text = CharsetLabel.Strictless(candidate).GetString(bytes);
            var score = DecodingScore.Of(text);
            if (bestText is null || score.Value > bestScore.Value)
            {
                (bestText, bestName, bestScore) = (text, candidate, score);
            }
        }

        if (bestName == declared)
        {
            return (bestText!.AsMemory(), null, new DecodingInfo(declared!, decidedBy, Differs(declaredLabel, declared!)));
        }

        return (bestText!.AsMemory(), null, new DecodingInfo(bestName!, "detected", declaredLabel));
    }

    /// <summary>UTF-8 and ASCII need at most one char per byte.</summary>
    private static (ReadOnlyMemory<char> Chars, char[] Pooled) DecodeToPool(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        var pooled = ArrayPool<char>.Shared.Rent(Math.Max(bytes.Length, 1));
        var length = encoding.GetChars(bytes, pooled);
        return (pooled.AsMemory(0, length), pooled);
    }

    private static string? Differs(string? declaredLabel, string used) =>
        declaredLabel is null || string.Equals(declaredLabel, used, StringComparison.OrdinalIgnoreCase) ? null : declaredLabel;

    private static bool IsSupported(string webName)
    {
        try
        {
            _ = CharsetLabel.Strictless(webName);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool TryBom(ReadOnlySpan<byte> bytes, out string encoding, out int length)
    {
        (encoding, length) = bytes switch
        {
            [0xEF, 0xBB, 0xBF, ..] => ("utf-8", 3),
            [0x84, 0x31, 0x95, 0x33, ..] => ("gb18030", 4),
            [0xFF, 0xFE, ..] => ("utf-16le", 2),
            [0xFE, 0xFF, ..] => ("utf-16be", 2),
            _ => ("", 0),
        };
        return length > 0;
    }

    private static bool HasNonAscii(ReadOnlySpan<byte> bytes) => bytes.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0;

    private static bool LooksLikeHtml(ReadOnlySpan<char> text, string? contentType, string? fileName)
    {
        if (fileName is not null && fileName.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (contentType is not null && contentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var head = text[..Math.Min(text.Length, 65536)];
        foreach (var tag in MarkupTags)
        {
            if (head.Contains(tag, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] MarkupTags = ["<html", "<body", "<div", "<p>", "<p ", "<table", "<br", "<span", "<td", "<!doctype"];
}
