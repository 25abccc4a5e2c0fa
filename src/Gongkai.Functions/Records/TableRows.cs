using Azure.Data.Tables;

namespace Gongkai.Functions.Records;

/// <summary>Comparisons of table rows, so that a write which would change nothing is not sent.</summary>
public static class TableRows
{
    /// <summary>
    /// True when both rows have the same keys and the same columns with equal values. The service's own columns
    /// (<c>Timestamp</c>, the ETag) are not compared, and a null column counts as absent, as the service stores it.
    /// Numbers compare by value (a stored Int32 reads back as <see cref="int"/> whatever was written) and binary
    /// columns by content (they read back as <see cref="BinaryData"/>); a false "different" only costs a write.
    /// </summary>
    public static bool SameColumns(TableEntity stored, TableEntity written)
    {
        var storedColumns = Columns(stored).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        var count = 0;
        foreach (var (name, value) in Columns(written))
        {
            count++;
            if (!storedColumns.TryGetValue(name, out var other) || !SameValue(other, value))
            {
                return false;
            }
        }
        return count == storedColumns.Count;
    }

    private static IEnumerable<KeyValuePair<string, object>> Columns(TableEntity entity) =>
        entity.Where(c => c.Value is not null && c.Key is not ("Timestamp" or "odata.etag")).Select(c => KeyValuePair.Create(c.Key, c.Value));

    private static bool SameValue(object a, object b) => (Bytes(a), Bytes(b)) switch
    {
        ({ } x, { } y) => x.AsSpan().SequenceEqual(y),
        (null, null) when (a, b) is (int or long or double, int or long or double) =>
            Convert.ToDouble(a, System.Globalization.CultureInfo.InvariantCulture) == Convert.ToDouble(b, System.Globalization.CultureInfo.InvariantCulture),
        (null, null) => a.Equals(b),
        _ => false,
    };

    private static byte[]? Bytes(object value) => value switch
    {
        byte[] bytes => bytes,
        BinaryData data => data.ToArray(),
        _ => null,
    };
}
