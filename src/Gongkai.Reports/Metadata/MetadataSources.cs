namespace Gongkai.Reports.Metadata;

/// <summary>Everything metadata can be read from, most trusted first within each kind.</summary>
internal sealed class MetadataSources
{
    /// <summary>The cleaned report text and its match text (same length).</summary>
    public required string Text { get; init; }

    public required string MatchText { get; init; }

    /// <summary>Body lines (not table rows) as offsets into <see cref="Text"/>.</summary>
    public IReadOnlyList<(int Start, int End)> Lines { get; init; } = [];

    /// <summary>Page lines above the report (title, info line, breadcrumb), in order.</summary>
    public IReadOnlyList<string> Before { get; init; } = [];

    /// <summary>Page lines below the report (footer), in order.</summary>
    public IReadOnlyList<string> After { get; init; } = [];

    /// <summary>Chrome lines removed from within the report's span (info lines, widgets).</summary>
    public IReadOnlyList<string> Removed { get; init; } = [];

    public string? HtmlTitle { get; init; }

    /// <summary>Page meta tags, names lower-cased (articletitle, pubdate, contentsource, sitename …).</summary>
    public IReadOnlyDictionary<string, string> Meta { get; init; } = new Dictionary<string, string>();

    public string? LinkText { get; init; }

    public DateOnly? LinkDate { get; init; }

    public Uri? Url { get; init; }

    public string Line(int index) => Text[Lines[index].Start..Lines[index].End];

    public string MatchLine(int index) => MatchText[Lines[index].Start..Lines[index].End];

    public string? MetaValue(params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (Meta.TryGetValue(name, out var value) && value.Length > 0)
            {
                return value;
            }
        }

        return null;
    }
}

/// <summary>What the text side reads about a report besides its body.</summary>
internal sealed record ReportMetadata(
    string? Title,
    string? Agency,
    string? AgencyAsWritten,
    ReportRegion Region,
    int? ReportYear,
    DateOnly? PublishedOn,
    IReadOnlyList<ReportProblem> Problems);
