namespace Gongkai.Reports.Html;

/// <summary>A page read into lines and tables, plus what its head says about it.</summary>
internal sealed class PageContent
{
    public List<PageBlock> Blocks { get; } = [];

    /// <summary>The <c>&lt;title&gt;</c> element's text.</summary>
    public string? HtmlTitle { get; set; }

    /// <summary>
    /// <c>&lt;meta name=… content=…&gt;</c> pairs, names lower-cased. Government sites carry ArticleTitle,
    /// PubDate, ContentSource and SiteName (the 政府网站发展指引 page metadata).
    /// </summary>
    public Dictionary<string, string> Meta { get; } = new(StringComparer.Ordinal);

    /// <summary>True when the input was read as plain text, not markup.</summary>
    public bool IsPlainText { get; set; }

    /// <summary>Why the markup could not be read as a tree, when it could not (the text was then read without it).</summary>
    public string? Fallback { get; set; }
}
