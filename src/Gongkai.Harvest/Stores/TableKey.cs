using System.Globalization;
using System.Text;

namespace Gongkai.Harvest.Stores;

/// <summary>
/// PartitionKey and RowKey rules: at most 1 KiB, none of <c>/ \ # ?</c> and no control characters
/// (U+0000–U+001F, U+007F–U+009F). <see cref="Encode"/> turns any string into a valid key, reversibly.
/// </summary>
public static class TableKey
{
    /// <summary>The service's limit, in UTF-16 code units.</summary>
    public const int MaxLength = 512;

    private const char EscapeChar = '~';

    public static void Validate(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length > MaxLength)
        {
            throw new ArgumentException($"A table key is at most {MaxLength} characters (1 KiB); this one has {key.Length}.", nameof(key));
        }

        for (var i = 0; i < key.Length; i++)
        {
            if (IsForbidden(key[i]))
            {
                throw new ArgumentException($"A table key cannot contain {Describe(key[i])} (found at position {i}); use TableKey.Encode for arbitrary text.", nameof(key));
            }
        }
    }

    public static bool IsValid(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Length <= MaxLength && !key.Any(IsForbidden);
    }

    /// <summary>
    /// A valid key for any string: each forbidden character and the escape character <c>~</c> itself become
    /// <c>~XX</c> (two hex digits); everything else is kept, so plain keys stay readable and keep their order.
    /// </summary>
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c == EscapeChar || IsForbidden(c))
            {
                builder.Append(EscapeChar).Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Reverses <see cref="Encode"/>; throws <see cref="FormatException"/> on a malformed escape.</summary>
    public static string Decode(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var builder = new StringBuilder(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] != EscapeChar)
            {
                builder.Append(key[i]);
                continue;
            }

            if (i + 2 >= key.Length || !int.TryParse(key.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                throw new FormatException($"'{key}' has a malformed escape at position {i}.");
            }

            builder.Append((char)code);
            i += 2;
        }

        return builder.ToString();
    }

    private static bool IsForbidden(char c) => c is '/' or '\\' or '#' or '?' || c < 0x20 || (c >= 0x7F && c <= 0x9F);

    private static string Describe(char c) => c < 0x20 || c >= 0x7F ? $"the control character U+{(int)c:X4}" : $"'{c}'";
}
