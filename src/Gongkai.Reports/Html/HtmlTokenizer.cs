using System.Buffers;

namespace Gongkai.Reports.Html;

internal enum HtmlTokenKind
{
    EndOfFile,
    Text,
    StartTag,
    EndTag,
}

/// <summary>
/// Splits markup into text runs and tags, following the WHATWG tokenizer where it matters for reading pages:
/// comments (<c>&lt;!--…--&gt;</c>, so Word's <c>&lt;!--[if gte mso 9]&gt;…&lt;![endif]--&gt;</c> vanishes whole),
/// bogus comments (<c>&lt;!DOCTYPE&gt;</c>, <c>&lt;![if !supportLists]&gt;</c>, <c>&lt;?xml?&gt;</c>), CDATA sections, raw-text
/// elements (script, style, xmp, textarea, title … read up to their own end tag), quoted, unquoted and
/// duplicated attributes, a <c>&lt;</c> that starts no tag, and input that stops inside a tag (the tag is dropped).
/// Text is reported as ranges of the source; nothing is copied. Character references are left to the reader.
/// </summary>
internal struct HtmlTokenizer
{
    private readonly ReadOnlyMemory<char> source;
    private readonly Dictionary<string, HtmlElementName> names;
    private int position;
    private static readonly SearchValues<char> NameEnds = SearchValues.Create(">/ \t\n\r\f");

    private static readonly HtmlElementName NoElement = new("", ElementKind.Other, 0, ElementTraits.None);

    private HtmlElementName? rawTextEnd;

    public HtmlTokenizer(ReadOnlyMemory<char> html)
    {
        source = html;
        names = new Dictionary<string, HtmlElementName>(StringComparer.Ordinal);
        Element = NoElement;
    }

    public HtmlTokenKind Kind { get; private set; }

    /// <summary>The element a tag names.</summary>
    public HtmlElementName Element { get; private set; }

    /// <summary>Text: the text's range. Start tag: the range of its attributes.</summary>
    public int Start { get; private set; }

    public int End { get; private set; }

    /// <summary>Text of a raw-text element (script, xmp …): character references are not decoded in it.</summary>
    public bool IsRawText { get; private set; }

    /// <summary>Text holding an <c>&amp;</c> (it may have character references to decode).</summary>
    public bool HasReferences { get; private set; }

    /// <summary>The tag ends with <c>/&gt;</c>.</summary>
    public bool SelfClosing { get; private set; }

    /// <summary>The start tag hides its element: a <c>hidden</c> attribute, or <c>display:none</c> / <c>visibility:hidden</c>.</summary>
    public bool Hidden { get; private set; }

    public HtmlTokenKind Next()
    {
        var html = source.Span;
        Element = NoElement;
        IsRawText = false;
        HasReferences = false;
        SelfClosing = false;
        Hidden = false;
        if (rawTextEnd is { } element)
        {
            rawTextEnd = null;
            if (ReadRawText(element))
            {
                return Kind = HtmlTokenKind.Text;
            }
        }

        while (position < html.Length)
        {
            if (html[position] != '<')
            {
                var lt = IndexOf(html, '<', position);
                return Text(position, lt < 0 ? html.Length : lt, raw: false);
            }

            if (TryMarkup(out var kind))
            {
                return kind;
            }
        }

        return Kind = HtmlTokenKind.EndOfFile;
    }

    private HtmlTokenKind Text(int start, int end, bool raw)
    {
        var html = source.Span;
        (Start, End, position) = (start, end, end);
        IsRawText = raw;
        HasReferences = html.Slice(start, end - start).Contains('&');
        return Kind = HtmlTokenKind.Text;
    }

    /// <summary>At a <c>&lt;</c>: reads a tag (true) or skips a comment-like construct (false); a lone <c>&lt;</c> is text.</summary>
    private bool TryMarkup(out HtmlTokenKind kind)
    {
        var html = source.Span;
        kind = HtmlTokenKind.Text;
        var next = position + 1 < html.Length ? html[position + 1] : '\0';
        if (char.IsAsciiLetter(next))
        {
            return TryStartTag(out kind);
        }

        if (next == '/')
        {
            var after = position + 2 < html.Length ? html[position + 2] : '\0';
            if (char.IsAsciiLetter(after))
            {
                return TryEndTag(out kind);
            }

            // "</>" is dropped; "</3" and the like are bogus comments.
            position = after == '>' ? position + 3 : SkipTo('>', position + 2);
            return false;
        }

        if (next == '!')
        {
            position = SkipDeclaration(position);
            return false;
        }

        if (next == '?')
        {
            position = SkipTo('>', position + 2);
            return false;
        }

        // A '<' that starts nothing is text, up to the next '<' after it.
        var lt = IndexOf(html, '<', position + 1);
        kind = Text(position, lt < 0 ? html.Length : lt, raw: false);
        return true;
    }

    private int SkipDeclaration(int at)
    {
        var html = source.Span;
        var span = html[at..];
        if (span.StartsWith("<!--", StringComparison.Ordinal))
        {
            // "<!-->" and "<!--->" are whole (empty) comments.
            if (span.Length > 4 && span[4] == '>')
            {
                return at + 5;
            }

            if (span.Length > 5 && span[4] == '-' && span[5] == '>')
            {
                return at + 6;
            }

            for (var from = at + 4; ;)
            {
                var dashes = IndexOf(html, "--", from);
                if (dashes < 0)
                {
                    return html.Length;
                }

                var close = dashes + 2;
                while (close < html.Length && html[close] == '-')
                {
                    close++;
                }

                if (close < html.Length && html[close] == '>')
                {
                    return close + 1;
                }

                if (close + 1 < html.Length && html[close] == '!' && html[close + 1] == '>')
                {
                    return close + 2;
                }

                from = close;
            }
        }

        if (span.StartsWith("<![CDATA[", StringComparison.Ordinal))
        {
            var end = IndexOf(html, "]]>", at + 9);
            return end < 0 ? html.Length : end + 3;
        }

        // <!DOCTYPE …>, Word's <![if !supportLists]> and <![endif]>: up to the first '>'.
        return SkipTo('>', at + 2);
    }

    private int SkipTo(char c, int from)
    {
        var html = source.Span;
        var at = from < html.Length ? IndexOf(html, c, from) : -1;
        return at < 0 ? html.Length : at + 1;
    }

    private bool TryStartTag(out HtmlTokenKind kind)
    {
        var html = source.Span;
        kind = HtmlTokenKind.StartTag;
        var nameStart = position + 1;
        var nameEnd = NameEnd(nameStart);
        var element = HtmlNames.Intern(html.Slice(nameStart, nameEnd - nameStart), names);
        var attributes = new HtmlAttributeReader(html, nameEnd);
        var hidden = false;
        while (attributes.MoveNext())
        {
            var attribute = attributes.Name;
            hidden |= attribute.Equals("hidden", StringComparison.OrdinalIgnoreCase)
                || (attribute.Equals("style", StringComparison.OrdinalIgnoreCase) && HtmlNames.HidesByStyle(attributes.Value));
        }

        var (end, selfClosing) = (attributes.TagEnd, attributes.SelfClosing);
        if (end < 0)
        {
            // The input stops inside the tag: a browser drops it.
            position = html.Length;
            kind = HtmlTokenKind.EndOfFile;
            return false;
        }

        (Element, Start, End, SelfClosing, Hidden, position) = (element, nameEnd, end, selfClosing, hidden, end);
        if (element.IsRawText)
        {
            rawTextEnd = element;
        }

        Kind = kind;
        return true;
    }

    private bool TryEndTag(out HtmlTokenKind kind)
    {
        var html = source.Span;
        kind = HtmlTokenKind.EndTag;
        var nameStart = position + 2;
        var nameEnd = NameEnd(nameStart);
        var attributes = new HtmlAttributeReader(html, nameEnd);
        while (attributes.MoveNext())
        {
        }

        var end = attributes.TagEnd;
        if (end < 0)
        {
            position = html.Length;
            kind = HtmlTokenKind.EndOfFile;
            return false;
        }

        Element = HtmlNames.Intern(html.Slice(nameStart, nameEnd - nameStart), names);
        (Start, End, position) = (nameEnd, nameEnd, end);
        Kind = kind;
        return true;
    }

    private int NameEnd(int from)
    {
        var html = source.Span;
        var length = html[from..].IndexOfAny(NameEnds);
        return length < 0 ? html.Length : from + length;
    }

    /// <summary>The content of a raw-text element up to its end tag (which is left for <see cref="Next"/>).</summary>
    private bool ReadRawText(HtmlElementName rawText)
    {
        var html = source.Span;
        var element = rawText.Name;
        var start = position;
        if (element == "plaintext")
        {
            return Text(start, html.Length, raw: true) == HtmlTokenKind.Text && start < html.Length;
        }

        var from = start;
        while (true)
        {
            var at = IndexOf(html, "</", from);
            if (at < 0)
            {
                at = html.Length;
            }
            else if (!IsEndTagOf(element, at))
            {
                from = at + 2;
                continue;
            }

            if (at == start)
            {
                return false;
            }

            // title and textarea hold text with character references; script, style and xmp hold raw text.
            Text(start, at, raw: element is not ("title" or "textarea"));
            return true;
        }
    }

    private static int IndexOf(ReadOnlySpan<char> html, char c, int from)
    {
        var at = html[from..].IndexOf(c);
        return at < 0 ? -1 : at + from;
    }

    private static int IndexOf(ReadOnlySpan<char> html, string value, int from)
    {
        if (from > html.Length)
        {
            return -1;
        }

        var at = html[from..].IndexOf(value, StringComparison.Ordinal);
        return at < 0 ? -1 : at + from;
    }

    private bool IsEndTagOf(string element, int at)
    {
        var html = source.Span;
        var nameStart = at + 2;
        if (nameStart + element.Length > html.Length
            || !html.Slice(nameStart, element.Length).Equals(element, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var after = nameStart + element.Length;
        return after == html.Length || html[after] is '>' or '/' or ' ' or '\t' or '\n' or '\r' or '\f';
    }
}
