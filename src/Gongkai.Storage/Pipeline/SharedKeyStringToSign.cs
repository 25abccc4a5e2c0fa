using System.Text;

namespace Gongkai.Storage;

/// <summary>
/// Builds the canonical strings Shared Key signs, following "Authorize with Shared Key" in the Azure Storage REST
/// documentation. Blob and Queue use the long form (twelve standard headers, the canonicalized x-ms-* headers and
/// every query parameter); Table uses the short form (verb, Content-MD5, Content-Type, date, resource with only
/// <c>comp</c>).
/// </summary>
internal static class SharedKeyStringToSign
{
    public static string ForBlobOrQueue(string method, Uri uri, IReadOnlyDictionary<string, string> headers, long? contentLength, string accountName)
    {
        var builder = new StringBuilder(256);
        builder.Append(method.ToUpperInvariant()).Append('\n');
        builder.Append(Header(headers, "Content-Encoding")).Append('\n');
        builder.Append(Header(headers, "Content-Language")).Append('\n');
        // Since 2015-02-21 a zero length is signed as the empty string.
        builder.Append(contentLength is > 0 ? contentLength.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty).Append('\n');
        builder.Append(Header(headers, "Content-MD5")).Append('\n');
        builder.Append(Header(headers, "Content-Type")).Append('\n');
        // x-ms-date is always sent and signed among the x-ms-* headers, so Date stays empty.
        builder.Append(Header(headers, "Date")).Append('\n');
        builder.Append(Header(headers, "If-Modified-Since")).Append('\n');
        builder.Append(Header(headers, "If-Match")).Append('\n');
        builder.Append(Header(headers, "If-None-Match")).Append('\n');
        builder.Append(Header(headers, "If-Unmodified-Since")).Append('\n');
        builder.Append(Header(headers, "Range")).Append('\n');

        foreach (var (name, value) in headers
                     .Where(h => h.Key.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
                     .Select(h => (Name: h.Key.ToLowerInvariant(), Value: h.Value))
                     .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            builder.Append(name).Append(':').Append(value.Trim()).Append('\n');
        }

        builder.Append('/').Append(accountName).Append(PathOf(uri));
        foreach (var (name, values) in QueryParameters(uri).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            values.Sort(StringComparer.Ordinal);
            builder.Append('\n').Append(name).Append(':').Append(string.Join(',', values));
        }

        return builder.ToString();
    }

    public static string ForTable(string method, Uri uri, IReadOnlyDictionary<string, string> headers, string accountName)
    {
        var date = Header(headers, "x-ms-date");
        if (date.Length == 0)
        {
            date = Header(headers, "Date");
        }

        var builder = new StringBuilder(128);
        builder.Append(method.ToUpperInvariant()).Append('\n');
        builder.Append(Header(headers, "Content-MD5")).Append('\n');
        builder.Append(Header(headers, "Content-Type")).Append('\n');
        builder.Append(date).Append('\n');
        builder.Append('/').Append(accountName).Append(PathOf(uri));
        if (QueryParameters(uri).TryGetValue("comp", out var comp))
        {
            builder.Append("?comp=").Append(string.Join(',', comp));
        }

        return builder.ToString();
    }

    private static string Header(IReadOnlyDictionary<string, string> headers, string name) =>
        headers.TryGetValue(name, out var value) ? value : string.Empty;

    // The path exactly as it goes on the wire (still percent-encoded): that is what the service canonicalizes.
    private static string PathOf(Uri uri) => uri.AbsolutePath.Length > 0 ? uri.AbsolutePath : "/";

    private static Dictionary<string, List<string>> QueryParameters(Uri uri)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var query = uri.Query;
        if (query.Length <= 1)
        {
            return result;
        }

        foreach (var pair in query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]).ToLowerInvariant();
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (!result.TryGetValue(name, out var values))
            {
                result[name] = values = [];
            }

            values.Add(value);
        }

        return result;
    }
}
