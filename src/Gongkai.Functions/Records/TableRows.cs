using Gongkai.Storage;

namespace Gongkai.Functions.Records;

/// <summary>Comparisons of table rows, so that a write which would change nothing is not sent.</summary>
public static class TableRows
{
    /// <summary>
    /// True when both rows have the same keys and the same columns with equal values. Numbers compare by value (a
    /// stored Int32 reads back as <see cref="int"/> whatever was written); a false "different" only costs a write.
    /// </summary>
    public static bool SameColumns(TableEntity stored, TableEntity written)
    {
        if (stored.Count != written.Count)
        {
            return false;
        }
        foreach (var (name, value) in written)
        {
            if (!stored.TryGetValue(name, out var other) || !SameValue(other, value))
            {
                return false;
            }
        }
        return true;
    }

    private static bool SameValue(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        (int or long or double, int or long or double) => Convert.ToDouble(a, System.Globalization.CultureInfo.InvariantCulture) == Convert.ToDouble(b, System.Globalization.CultureInfo.InvariantCulture),
        _ => a.Equals(b),
    };
}
