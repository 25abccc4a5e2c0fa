using System.Text;

namespace Gongkai.Reports.Html;

/// <summary>
/// Removes tags from markup that cannot be read as a tree (nested too deeply): block-level tags become line
/// breaks, script, style and comments disappear, entities are decoded. One pass, no recursion.
/// </summary>
internal static class MarkupStripper
{
    public static string Strip(string html)
    {
        var output = new StringBuilder(html.Length / 2);
        var i = 0;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0)
            {
                output.Append(html, i, html.Length - i);
                break;
            }

            output.Append(html, i, lt - i);
            if (string.CompareOrdinal(html, lt, "<!--", 0, 4) == 0)
            {
                var end = html.IndexOf("-->", lt + 4, StringComparison.Ordinal);
                i = end < 0 ? html.Length : end + 3;
                continue;
            }

            var close = html.IndexOf('>', lt + 1);
            if (close < 0)
            {
                break;
            }

            var name = TagName(html, lt + 1, close);
            i = close + 1;
            if (name is "script" or "style" && html[lt + 1] != '/')
            {
                var end = html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
                i = end < 0 ? html.Length : end;
                continue;
            }

            if (name == "br" || name == "td" || name == "th" || HtmlNames.IsBlock(name))
            {
                output.Append(name is "td" or "th" ? '\t' : '\n');
            }
        }

        return HtmlCharacterReferences.Decode(output.ToString());
    }

    private static string TagName(string html, int start, int end)
    {
        if (start < end && html[start] == '/')
        {
            start++;
        }

        var stop = start;
        while (stop < end && char.IsAsciiLetterOrDigit(html[stop]))
        {
            stop++;
        }

        return html.Substring(start, stop - start).ToLowerInvariant();
    }
}
