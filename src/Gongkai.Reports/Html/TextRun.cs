using System.Buffers;
using System.Text;

namespace Gongkai.Reports.Html;

/// <summary>
/// Accumulates visible text the way a browser lays out a line: whitespace runs collapse to one space, and a
/// line break in the source between two CJK characters disappears (source wrapping, not a space in the text).
/// </summary>
internal sealed class TextRun
{
    private static readonly SearchValues<char> Spaces = SearchValues.Create(" \t\n\r\f\u00A0\u3000\u200B\uFEFF\u2002\u2003\u2009");

    private readonly StringBuilder builder = new();

    private int pendingSpace; // 0 none, 1 space, 2 space made only of line breaks
    private char last;

    public int Chars { get; private set; }

    public int LinkChars { get; private set; }

    public bool IsEmpty => builder.Length == 0;

    public void Append(ReadOnlySpan<char> text, bool inLink)
    {
        while (!text.IsEmpty)
        {
            var space = text.IndexOfAny(Spaces);
            var word = space < 0 ? text : text[..space];
            if (!word.IsEmpty)
            {
                if (pendingSpace != 0)
                {
                    if (!(pendingSpace == 2 && IsWide(last) && IsWide(word[0])))
                    {
                        builder.Append(' ');
                    }

                    pendingSpace = 0;
                }

                builder.Append(word);
                last = word[^1];
                Chars += word.Length;
                if (inLink)
                {
                    LinkChars += word.Length;
                }
            }

            if (space < 0)
            {
                return;
            }

            if (builder.Length > 0)
            {
                var lineBreak = text[space] is '\n' or '\r';
                pendingSpace = pendingSpace switch
                {
                    0 or 2 => lineBreak ? 2 : 1,
                    _ => 1,
                };
            }

            text = text[(space + 1)..];
        }
    }

    /// <summary>Appends a text node of a page, its character references decoded (<c>&amp;nbsp;</c> is U+00A0, a space).</summary>
    public void AppendMarkup(HtmlTree tree, int textNode, bool inLink)
    {
        var text = tree.RawText(textNode);
        if (!tree.HasReferences(textNode))
        {
            Append(text, inLink);
            return;
        }

        Span<char> decoded = stackalloc char[HtmlCharacterReferences.MaxDecodedLength];
        while (!text.IsEmpty)
        {
            var amp = text.IndexOf('&');
            if (amp < 0)
            {
                Append(text, inLink);
                return;
            }

            Append(text[..amp], inLink);
            text = text[amp..];
            var consumed = HtmlCharacterReferences.TryDecode(text, inAttribute: false, decoded, out var written);
            if (consumed == 0)
            {
                Append("&", inLink);
                text = text[1..];
                continue;
            }

            Append(decoded[..written], inLink);
            text = text[consumed..];
        }
    }

    /// <summary>Separates two block-level pieces of one cell: a space only between two ASCII letters or digits.</summary>
    public void BreakSoft()
    {
        if (builder.Length > 0 && pendingSpace == 0)
        {
            pendingSpace = IsWide(last) ? 2 : 1;
        }
    }

    public string Take()
    {
        var text = builder.ToString();
        builder.Clear();
        pendingSpace = 0;
        Chars = 0;
        LinkChars = 0;
        return text;
    }

    public static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\u00A0' or '\u3000' or '\u200B' or '\uFEFF' or '\u2002' or '\u2003' or '\u2009';

    private static bool IsWide(char c) => c >= '\u2E80';
}
