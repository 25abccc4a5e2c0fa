using System.Collections.Frozen;

namespace Gongkai.Reports.Html;

/// <summary>What element names mean, for building the tree (HTML's element categories) and for reading it as text.</summary>
internal static class HtmlNames
{
    private const int LongestName = 32;

    private static readonly FrozenSet<string> Skipped = FrozenSet.Create(
        StringComparer.Ordinal,
        "script", "style", "noscript", "iframe", "object", "embed", "select", "option", "textarea", "template",
        "svg", "math", "canvas", "button", "input", "map", "audio", "video", "frameset", "frame", "noembed", "noframes");

    private static readonly FrozenSet<string> Blocks = FrozenSet.Create(
        StringComparer.Ordinal,
        "p", "div", "section", "article", "header", "footer", "nav", "aside", "main", "ul", "ol", "li", "dl", "dt", "dd",
        "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "form", "center", "address", "hr", "table", "tr",
        "td", "th", "thead", "tbody", "tfoot", "caption", "fieldset", "legend", "figure", "figcaption", "body", "html",
        "xmp", "listing", "plaintext", "details", "summary", "dialog", "menu", "dir", "hgroup");

    /// <summary>Elements that never have content: the tag is the whole element.</summary>
    private static readonly FrozenSet<string> Void = FrozenSet.Create(
        StringComparer.Ordinal,
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "keygen", "basefont", "bgsound", "frame", "spacer", "isindex", "image");

    /// <summary>Elements whose content is text up to their end tag, not markup.</summary>
    private static readonly FrozenSet<string> RawText = FrozenSet.Create(
        StringComparer.Ordinal, "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title", "plaintext");

    /// <summary>Start tags that close an open <c>p</c> (HTML's "close a p element").</summary>
    private static readonly FrozenSet<string> ClosesParagraph = FrozenSet.Create(
        StringComparer.Ordinal,
        "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "main",
        "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "ul", "li", "dd", "dt", "xmp", "listing", "plaintext");

    /// <summary>HTML's "special" category: an inline end tag does not close these (a stray &lt;/span&gt; stays inside its paragraph).</summary>
    private static readonly FrozenSet<string> Special = FrozenSet.Create(
        StringComparer.Ordinal,
        "address", "applet", "area", "article", "aside", "base", "basefont", "bgsound", "blockquote", "body", "br", "button",
        "caption", "center", "col", "colgroup", "dd", "details", "dir", "div", "dl", "dt", "embed", "fieldset", "figcaption",
        "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr",
        "html", "iframe", "img", "input", "keygen", "li", "link", "listing", "main", "marquee", "menu", "meta", "nav",
        "noembed", "noframes", "noscript", "object", "ol", "p", "param", "plaintext", "pre", "script", "section", "select",
        "source", "style", "summary", "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "title", "tr",
        "track", "ul", "wbr", "xmp");

    /// <summary>An end tag never closes an element outside these (HTML's "has an element in scope").</summary>
    private static readonly FrozenSet<string> ScopeBoundary = FrozenSet.Create(
        StringComparer.Ordinal, "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template");

    // Names met in real pages (HTML's and Word's), each read once into an HtmlElementName the tree shares.
    private static readonly FrozenDictionary<string, HtmlElementName> Known = Skipped.Concat(Blocks).Concat(Void).Concat(RawText).Concat(Special).Concat(
        [
            "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "blink", "cite", "code", "data", "del", "dfn", "em", "font", "i",
            "ins", "kbd", "label", "mark", "nobr", "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strike", "strong",
            "sub", "sup", "time", "tt", "u", "var", "head", "optgroup", "colgroup", "legend", "output", "progress", "meter",
            "picture", "o:p", "st1:chsdate", "st1:chmetcnv", "st1:personname", "v:shape", "v:imagedata", "w:sdt",
        ]).Distinct().ToFrozenDictionary(n => n, n => Describe(n, known: true), StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, HtmlElementName>.AlternateLookup<ReadOnlySpan<char>> KnownBySpan =
        Known.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The shared instance for a name the parser knows (tr, p, br …).</summary>
    public static HtmlElementName Of(string knownName) => Known[knownName];

    public static bool IsBlock(string name) => Blocks.Contains(name);

    private static int HeadingLevel(string name) =>
        name.Length == 2 && name[0] == 'h' && name[1] is >= '1' and <= '6' ? name[1] - '0' : 0;

    /// <summary>
    /// What a tag name as written means: a shared instance for known names, otherwise one from
    /// <paramref name="seen"/> (names met earlier in the same page) or a new one.
    /// </summary>
    public static HtmlElementName Intern(ReadOnlySpan<char> written, Dictionary<string, HtmlElementName> seen)
    {
        if (written.Length > LongestName)
        {
            var longName = written.ToString().ToLowerInvariant();
            return seen.TryGetValue(longName, out var met) ? met : seen[longName] = Describe(longName, known: false);
        }

        // Most pages write tags in lower case: look those up as written.
        if (!written.ContainsAnyInRange('A', 'Z') && KnownBySpan.TryGetValue(written, out var asWritten))
        {
            return asWritten;
        }

        Span<char> lower = stackalloc char[LongestName];
        lower = lower[..written.ToLowerInvariant(lower)];
        if (KnownBySpan.TryGetValue(lower, out var known))
        {
            return known;
        }

        var earlier = seen.GetAlternateLookup<ReadOnlySpan<char>>();
        if (earlier.TryGetValue(lower, out var element))
        {
            return element;
        }

        var name = new string(lower);
        element = Describe(name, known: false);
        seen[name] = element;
        return element;
    }

    private static HtmlElementName Describe(string name, bool known) => new(
        name,
        HtmlElementName.KindOf(name),
        HeadingLevel(name),
        (Skipped.Contains(name) ? ElementTraits.Skipped : 0)
        | (Blocks.Contains(name) ? ElementTraits.Block : 0)
        | (Void.Contains(name) ? ElementTraits.Void : 0)
        | (RawText.Contains(name) ? ElementTraits.RawText : 0)
        | (ClosesParagraph.Contains(name) ? ElementTraits.ClosesParagraph : 0)
        | (Special.Contains(name) ? ElementTraits.Special : 0)
        | (ScopeBoundary.Contains(name) ? ElementTraits.ScopeBoundary : 0)
        // A self-closing tag closes only what HTML keeps open otherwise: Word's <o:p/>, unknown elements.
        | (!known || name.Contains(':', StringComparison.Ordinal) ? ElementTraits.HonoursSelfClosing : 0));

    /// <summary>Hidden by an inline style: a reader never sees it. No allocation (Word styles are long).</summary>
    public static bool HidesByStyle(ReadOnlySpan<char> style) =>
        Declares(style, "display", "none") || Declares(style, "visibility", "hidden");

    private static bool Declares(ReadOnlySpan<char> style, string property, string value)
    {
        var at = style.IndexOf(property, StringComparison.OrdinalIgnoreCase);
        while (at >= 0)
        {
            var rest = style[(at + property.Length)..].TrimStart();
            if (rest.Length > 0 && rest[0] == ':' && rest[1..].TrimStart().StartsWith(value, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            var next = style[(at + 1)..].IndexOf(property, StringComparison.OrdinalIgnoreCase);
            at = next < 0 ? -1 : at + 1 + next;
        }

        return false;
    }
}
