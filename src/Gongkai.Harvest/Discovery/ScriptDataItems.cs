using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gongkai.Harvest.Portals;

namespace Gongkai.Harvest.Discovery;

/// <summary>One entry of a list held as data: its title, its (unresolved) URL and its date text, as the data names them.</summary>
public sealed record ScriptDataItem(string Title, string Url, string? Date);

/// <summary>
/// Finds the list entries in script data or a JSON answer: arrays of objects each holding a URL-like and a title-like
/// field. Field names vary by CMS (<c>url</c>, <c>docPubUrl</c>, <c>linkUrl</c>; <c>title</c>, <c>docTitle</c>, <c>name</c>),
/// so they are recognised by name first and by value shape second; a portal entry's <c>links.dataFields</c> names them
/// where guessing fails.
/// </summary>
public static partial class ScriptDataItems
{
    private static readonly string[] UrlNames = ["url", "href", "link", "linkurl", "docurl", "docpuburl", "puburl", "detailurl", "infourl", "articleurl", "pageurl", "path"];
    private static readonly string[] TitleNames = ["title", "doctitle", "name", "subject", "topic", "caption", "bt", "wjbt", "biaoti", "text", "label"];
    private static readonly string[] DateNames = ["date", "pubdate", "publishdate", "docpubtime", "pubtime", "publishtime", "releasedate", "fbrq", "rq", "time", "createtime", "ctime"];

    /// <summary>The entries of every list-like array in <paramref name="text"/> (script text, or a JSON/JSONP answer).</summary>
    public static IReadOnlyList<ScriptDataItem> Find(string text, DataFieldNames? fields)
    {
        var items = new List<ScriptDataItem>();
        foreach (var array in ScriptLiteral.ArraysOfObjects(text))
        {
            Collect(array, fields, items);
        }

        return items;
    }

    private static void Collect(JsonNode? node, DataFieldNames? fields, List<ScriptDataItem> items)
    {
        switch (node)
        {
            case JsonArray array:
                var read = array.OfType<JsonObject>().Select(o => Read(o, fields)).ToList();
                // An array is a list when most of its objects read as entries; otherwise the list may be nested deeper.
                if (read.Count > 0 && read.Count(i => i is not null) * 2 >= read.Count)
                {
                    items.AddRange(read.OfType<ScriptDataItem>());
                    return;
                }

                foreach (var child in array)
                {
                    Collect(child, fields, items);
                }

                break;

            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Collect(child, fields, items);
                }

                break;
        }
    }

    private static ScriptDataItem? Read(JsonObject obj, DataFieldNames? fields)
    {
        var strings = obj.Where(p => p.Value is JsonValue v && v.GetValueKind() is JsonValueKind.String or JsonValueKind.Number)
            .Select(p => (Name: p.Key, Value: Text(p.Value!)))
            .Where(p => p.Value.Length > 0)
            .ToList();
        if (strings.Count == 0)
        {
            return null;
        }

        var url = Named(strings, fields?.Url) ?? ByName(strings, UrlNames, LooksLikeUrl) ?? strings.FirstOrDefault(p => LooksLikePage(p.Value)).Value;
        if (url is null)
        {
            return null;
        }

        var title = Named(strings, fields?.Title) ?? ByName(strings, TitleNames, v => v != url && !LooksLikeUrl(v))
            ?? strings.Where(p => p.Value != url && Cjk().IsMatch(p.Value) && !LooksLikeUrl(p.Value)).MaxBy(p => p.Value.Length).Value;
        if (title is null)
        {
            return null;
        }

        var date = Named(strings, fields?.Date) ?? ByName(strings, DateNames, _ => true);
        return new ScriptDataItem(StripTags(title), url, date);
    }

    private static string? Named(List<(string Name, string Value)> strings, string? name) =>
        name is null ? null : strings.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value;

    // The first field whose lower-cased name is one of the names (in their order of preference), or ends with one of them.
    private static string? ByName(List<(string Name, string Value)> strings, string[] names, Func<string, bool> accept)
    {
        foreach (var name in names)
        {
            foreach (var (key, value) in strings)
            {
                if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase) && accept(value))
                {
                    return value;
                }
            }
        }

        foreach (var name in names)
        {
            foreach (var (key, value) in strings)
            {
                if (key.EndsWith(name, StringComparison.OrdinalIgnoreCase) && accept(value))
                {
                    return value;
                }
            }
        }

        return null;
    }

    private static string Text(JsonNode value) =>
        value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>().Trim() : value.ToJsonString();

    private static bool LooksLikeUrl(string value) =>
        value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || value.StartsWith('/') || value.StartsWith("./", StringComparison.Ordinal) || value.StartsWith("../", StringComparison.Ordinal) || LooksLikePage(value);

    private static bool LooksLikePage(string value) => !value.Contains(' ', StringComparison.Ordinal) && PagePath().IsMatch(value);

    private static string StripTags(string title) => HtmlText.Normalize(Tags().Replace(title, string.Empty));

    [GeneratedRegex(@"\.(s?html?|jhtml|jsp|do|aspx?|php)(\?|#|$)", RegexOptions.IgnoreCase)]
    private static partial Regex PagePath();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Cjk();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();
}
