using System.Globalization;
using System.Text;

namespace Gongkai.Storage;

/// <summary>
/// An OData <c>$filter</c> for Table Storage built from typed comparisons. Values become literals, never text:
/// strings are quoted with <c>'</c> doubled, so user input cannot change what the filter means; other types get
/// their typed literal (<c>123L</c>, <c>datetime'…'</c>, <c>guid'…'</c>, <c>X'…'</c>).
/// </summary>
public sealed class TableFilter
{
    private readonly string _text;

    private TableFilter(string text) => _text = text;

    public static TableFilter Eq(string property, object value) => Compare(property, "eq", value);

    public static TableFilter Ne(string property, object value) => Compare(property, "ne", value);

    public static TableFilter Gt(string property, object value) => Compare(property, "gt", value);

    public static TableFilter Ge(string property, object value) => Compare(property, "ge", value);

    public static TableFilter Lt(string property, object value) => Compare(property, "lt", value);

    public static TableFilter Le(string property, object value) => Compare(property, "le", value);

    /// <summary>String property starts with <paramref name="prefix"/>: a range on the key order, which Table Storage can serve from its index.</summary>
    public static TableFilter StartsWith(string property, string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length == 0)
        {
            return Ge(property, string.Empty);
        }

        var last = prefix[^1];
        if (last == char.MaxValue)
        {
            return Ge(property, prefix);
        }

        return Ge(property, prefix).And(Lt(property, prefix[..^1] + (char)(last + 1)));
    }

    public TableFilter And(TableFilter other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new TableFilter($"({_text}) and ({other._text})");
    }

    public TableFilter Or(TableFilter other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new TableFilter($"({_text}) or ({other._text})");
    }

    public TableFilter Not() => new($"not ({_text})");

    /// <summary>The OData literal for a value.</summary>
    public static string Literal(object value) => value switch
    {
        null => throw new ArgumentNullException(nameof(value), "Table filters cannot compare with null: absent properties never match."),
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d when double.IsFinite(d) => FormatDouble(d),
        double => throw new ArgumentException("Table filters cannot compare with NaN or infinity.", nameof(value)),
        DateTimeOffset d => "datetime'" + TableEntityJson.FormatDateTime(d) + "'",
        DateTime d => "datetime'" + TableEntityJson.FormatDateTime(new DateTimeOffset(d.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : d.ToUniversalTime())) + "'",
        Guid g => "guid'" + g.ToString("D") + "'",
        byte[] bytes => "X'" + Convert.ToHexStringLower(bytes) + "'",
        _ => throw new ArgumentException($"Table filters cannot compare with a {value.GetType().Name}.", nameof(value)),
    };

    public override string ToString() => _text;

    public static implicit operator string(TableFilter filter) => filter._text;

    private static TableFilter Compare(string property, string op, object value)
    {
        ValidatePropertyName(property);
        return new TableFilter($"{property} {op} {Literal(value)}");
    }

    private static void ValidatePropertyName(string property)
    {
        ArgumentException.ThrowIfNullOrEmpty(property);
        var valid = (char.IsAsciiLetter(property[0]) || property[0] == '_') && property.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        if (!valid)
        {
            throw new ArgumentException($"'{property}' is not a valid table property name (ASCII letters, digits, '_').", nameof(property));
        }
    }

    // Always with a decimal point or exponent, so the service reads a Double rather than an Int32.
    private static string FormatDouble(double d)
    {
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        var builder = new StringBuilder(text);
        if (!text.Contains('.') && !text.Contains('E'))
        {
            builder.Append(".0");
        }

        return builder.ToString();
    }
}
