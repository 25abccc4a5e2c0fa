using System.Text;

namespace Gongkai.Harvest.Stores;

/// <summary>
/// Blob metadata travels as HTTP headers, so values must be printable ASCII without leading or trailing spaces.
/// A value that is not (Chinese titles, URLs with non-ASCII paths, line breaks) is stored as
/// <c>b64:</c> + base64(UTF-8 bytes); so is any value that itself starts with <c>b64:</c>, which keeps decoding
/// unambiguous. Every other value is stored as it is, so ordinary metadata stays readable in the portal.
/// </summary>
public static class BlobMetadataEncoding
{
    public const string EncodedPrefix = "b64:";

    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return NeedsEncoding(value) ? EncodedPrefix + Convert.ToBase64String(Encoding.UTF8.GetBytes(value)) : value;
    }

    /// <summary>Decodes a stored value; a value without the prefix, or with one that is not valid base64, is returned as stored.</summary>
    public static string Decode(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!stored.StartsWith(EncodedPrefix, StringComparison.Ordinal))
        {
            return stored;
        }

        var payload = stored.AsSpan(EncodedPrefix.Length);
        var bytes = new byte[(payload.Length * 3 / 4) + 3];
        return Convert.TryFromBase64Chars(payload, bytes, out var written) ? Encoding.UTF8.GetString(bytes, 0, written) : stored;
    }

    /// <summary>Metadata to send: every value through <see cref="Encode"/>, names checked.</summary>
    public static Dictionary<string, string> EncodeAll(IEnumerable<KeyValuePair<string, string>> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var encoded = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in metadata)
        {
            ValidateName(name);
            encoded[name] = Encode(value);
        }

        return encoded;
    }

    /// <summary>Metadata as received: values decoded, names compared case-insensitively as the service does.</summary>
    public static Dictionary<string, string> DecodeAll(IEnumerable<KeyValuePair<string, string>> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var decoded = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in metadata)
        {
            decoded[name] = Decode(value);
        }

        return decoded;
    }

    /// <summary>Metadata names must be C# identifiers (the service's rule); they are case-insensitive.</summary>
    public static void ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var valid = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        if (!valid)
        {
            throw new ArgumentException($"Blob metadata name '{name}' is not valid: use ASCII letters, digits and '_', not starting with a digit.", nameof(name));
        }
    }

    private static bool NeedsEncoding(string value)
    {
        if (value.StartsWith(EncodedPrefix, StringComparison.Ordinal))
        {
            return true;
        }

        if (value.Length > 0 && (value[0] == ' ' || value[^1] == ' '))
        {
            return true;
        }

        foreach (var c in value)
        {
            if (c < 0x20 || c > 0x7E)
            {
                return true;
            }
        }

        return false;
    }
}
