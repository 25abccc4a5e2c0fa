using System.Buffers;

namespace Gongkai.Reports.Html;

/// <summary>
/// Reads the attributes of a tag one at a time (WHATWG attribute states): <c>name="v"</c>, <c>name='v'</c>,
/// <c>name=v</c>, bare <c>name</c>, stray slashes; a quote opened and never closed runs to the end of the input.
/// Values are ranges of the source with their character references still in them.
/// </summary>
internal ref struct HtmlAttributeReader
{
    private static readonly SearchValues<char> NameEnds = SearchValues.Create("=>/ \t\n\r\f");
    private static readonly SearchValues<char> UnquotedValueEnds = SearchValues.Create("> \t\n\r\f");

    private readonly ReadOnlySpan<char> source;
    private int position;

    /// <param name="source">The markup.</param>
    /// <param name="from">Just after the tag name.</param>
    public HtmlAttributeReader(ReadOnlySpan<char> source, int from)
    {
        this.source = source;
        position = from;
        TagEnd = -1;
    }

    public ReadOnlySpan<char> Name { get; private set; }

    public ReadOnlySpan<char> Value { get; private set; }

    /// <summary>Once <see cref="MoveNext"/> returned false: the index just after the tag's <c>&gt;</c>, or -1 when the input ended inside the tag.</summary>
    public int TagEnd { get; private set; }

    /// <summary>The tag ended with <c>/&gt;</c>.</summary>
    public bool SelfClosing { get; private set; }

    public bool MoveNext()
    {
        while (position < source.Length)
        {
            var c = source[position];
            if (IsSpace(c))
            {
                position++;
                continue;
            }

            if (c == '>')
            {
                TagEnd = position + 1;
                return false;
            }

            if (c == '/')
            {
                position++;
                SelfClosing = position < source.Length && source[position] == '>';
                continue;
            }

            SelfClosing = false;
            return ReadAttribute();
        }

        TagEnd = -1;
        return false;
    }

    private bool ReadAttribute()
    {
        // A leading '=' belongs to the name; after it, the name runs to a space, '/', '>' or '='.
        var nameStart = position++;
        var nameLength = source[position..].IndexOfAny(NameEnds);
        position = nameLength < 0 ? source.Length : position + nameLength;

        Name = source[nameStart..position];
        Value = default;
        var afterName = position;
        while (position < source.Length && IsSpace(source[position]))
        {
            position++;
        }

        if (position >= source.Length || source[position] != '=')
        {
            position = afterName;
            return true;
        }

        position++;
        while (position < source.Length && IsSpace(source[position]))
        {
            position++;
        }

        if (position < source.Length && source[position] is '"' or '\'')
        {
            var quote = source[position];
            var close = source[(position + 1)..].IndexOf(quote);
            if (close < 0)
            {
                Value = source[(position + 1)..];
                position = source.Length;
                return true;
            }

            Value = source.Slice(position + 1, close);
            position += close + 2;
            return true;
        }

        var valueStart = position;
        var valueLength = source[position..].IndexOfAny(UnquotedValueEnds);
        position = valueLength < 0 ? source.Length : position + valueLength;

        Value = source[valueStart..position];
        return true;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';
}
