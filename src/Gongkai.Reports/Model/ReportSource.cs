namespace Gongkai.Reports;

/// <summary>One fetched report: its raw bytes and what the fetch knew about them.</summary>
public sealed record ReportSource(ReadOnlyMemory<byte> Content)
{
    /// <summary>The page's URL (final URL after redirects when known).</summary>
    public Uri? Url { get; init; }

    /// <summary>The HTTP <c>Content-Type</c> header as served, charset included; it may lie.</summary>
    public string? ContentType { get; init; }

    /// <summary>The listing page's link text for this report, when it was found through a listing.</summary>
    public string? LinkText { get; init; }

    /// <summary>The date shown beside the link on the listing page.</summary>
    public DateOnly? LinkDate { get; init; }

    /// <summary>A file name, when the input came from a file; <c>.txt</c> marks plain text.</summary>
    public string? FileName { get; init; }
}
