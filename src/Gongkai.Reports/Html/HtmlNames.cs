using HtmlAgilityPack;

namespace Gongkai.Reports.Html;

/// <summary>What element names mean for reading a page as text.</summary>
internal static class HtmlNames
{
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal)
    {
        "script", "style", "noscript", "iframe", "object", "embed", "select", "option", "textarea", "template",
        "svg", "math", "canvas", "button", "input", "map", "audio", "video", "frameset", "frame",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal)
    {
        "p", "div", "section", "article", "header", "footer", "nav", "aside", "main", "ul", "ol", "li", "dl", "dt", "dd",
        "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "form", "center", "address", "hr", "table", "tr",
        "td", "th", "thead", "tbody", "tfoot", "caption", "fieldset", "legend", "figure", "figcaption", "body", "html",
    };

    public static bool IsSkipped(string name) => Skipped.Contains(name);

    public static bool IsBlock(string name) => Blocks.Contains(name);

    public static int HeadingLevel(string name) =>
        name.Length == 2 && name[0] == 'h' && name[1] is >= '1' and <= '6' ? name[1] - '0' : 0;

    /// <summary>Hidden by inline style or the <c>hidden</c> attribute: a reader never sees it.</summary>
    public static bool IsHidden(HtmlNode element)
    {
        if (!element.HasAttributes)
        {
            return false;
        }

        foreach (var attribute in element.Attributes)
        {
            var name = attribute.Name;
            if (name.Length == 6 && name.Equals("hidden", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (name.Length == 5 && name.Equals("style", StringComparison.OrdinalIgnoreCase) && HidesByStyle(attribute.Value ?? ""))
            {
                return true;
            }
        }

        return false;
    }

    // display:none or visibility:hidden, spaces allowed around the colon; no allocation (Word styles are long).
    private static bool HidesByStyle(string style) =>
        Declares(style, "display", "none") || Declares(style, "visibility", "hidden");

    private static bool Declares(string style, string property, string value)
    {
        var span = style.AsSpan();
        var at = span.IndexOf(property, StringComparison.OrdinalIgnoreCase);
        while (at >= 0)
        {
            var rest = span[(at + property.Length)..].TrimStart();
            if (rest.Length > 0 && rest[0] == ':' && rest[1..].TrimStart().StartsWith(value, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            var next = span[(at + 1)..].IndexOf(property, StringComparison.OrdinalIgnoreCase);
            at = next < 0 ? -1 : at + 1 + next;
        }

        return false;
    }

    /// <summary>The text of a text node with entities decoded (<c>&amp;nbsp;</c> becomes U+00A0, a space).</summary>
    public static string TextOf(HtmlTextNode node)
    {
        var text = node.Text;
        return text.Contains('&', StringComparison.Ordinal) ? HtmlEntity.DeEntitize(text) : text;
    }
}
