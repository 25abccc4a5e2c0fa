using System.Globalization;
using Gongkai.Reports;

namespace Gongkai.Harvest.Stores;

/// <summary>What a raw-reports blob's metadata says about the bytes it holds.</summary>
public sealed record RawReportInfo
{
    /// <summary>The URL as listed (or linked from the report page, for attachments).</summary>
    public required Uri SourceUrl { get; init; }

    /// <summary>The URL that answered, after redirects.</summary>
    public required Uri FinalUrl { get; init; }

    /// <summary>When the bytes were fetched.</summary>
    public DateTimeOffset? FetchedAt { get; init; }

    /// <summary>The Content-Type header as served.</summary>
    public string? ContentType { get; init; }

    /// <summary>The ETag header as served.</summary>
    public string? ETag { get; init; }

    /// <summary>The Last-Modified header as served.</summary>
    public string? LastModified { get; init; }

    /// <summary>The listing's link text.</summary>
    public string? LinkText { get; init; }

    /// <summary>The date beside the link on the listing.</summary>
    public DateOnly? LinkDate { get; init; }

    /// <summary>The portal the blob was harvested from.</summary>
    public required string PortalId { get; init; }

    /// <summary>Hex SHA-256 of the content.</summary>
    public required string Sha256 { get; init; }

    /// <summary><c>page</c> or <c>attachment</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The report page an attachment was linked from.</summary>
    public Uri? ParentUrl { get; init; }

    /// <summary>The report year named by the link text.</summary>
    public int? ReportYear { get; init; }

    /// <summary>
    /// The W3C trace context of the harvest run that stored the blob, so the parse it triggers joins the run's trace.
    /// </summary>
    public string? TraceParent { get; init; }
}

/// <summary>
/// Naming and metadata of the raw-reports blobs: <c>{portalId}/{year|unknown}/{sha256}.{ext}</c>, one per distinct
/// content, with the fetch's facts in lower-case metadata keys.
/// </summary>
public static class RawReportBlob
{
    /// <summary>Metadata key: the URL as listed.</summary>
    public const string SourceUrl = "sourceurl";
    /// <summary>Metadata key: the URL after redirects.</summary>
    public const string FinalUrl = "finalurl";
    /// <summary>Metadata key: ISO 8601 fetch time.</summary>
    public const string FetchedAt = "fetchedat";
    /// <summary>Metadata key: the served Content-Type.</summary>
    public const string ContentType = "contenttype";
    /// <summary>Metadata key: the served ETag.</summary>
    public const string ETag = "etag";
    /// <summary>Metadata key: the served Last-Modified.</summary>
    public const string LastModified = "lastmodified";
    /// <summary>Metadata key: the listing link text.</summary>
    public const string LinkText = "linktext";
    /// <summary>Metadata key: the listing date (yyyy-MM-dd).</summary>
    public const string LinkDate = "linkdate";
    /// <summary>Metadata key: the portal id.</summary>
    public const string PortalId = "portalid";
    /// <summary>Metadata key: hex SHA-256 of the content.</summary>
    public const string Sha256 = "sha256";
    /// <summary>Metadata key: page or attachment.</summary>
    public const string Kind = "kind";
    /// <summary>Metadata key: the report page of an attachment.</summary>
    public const string ParentUrl = "parenturl";
    /// <summary>Metadata key: the report year from the link text.</summary>
    public const string ReportYear = "reportyear";
    /// <summary>Metadata key: the W3C <c>traceparent</c> of the harvest run that stored the blob.</summary>
    public const string TraceParent = "traceparent";

    /// <summary>Kind of a report page.</summary>
    public const string PageKind = "page";
    /// <summary>Kind of an attachment.</summary>
    public const string AttachmentKind = "attachment";

    /// <summary>The blob name for content of a portal and year.</summary>
    public static string Name(string portalId, int? year, string sha256, string extension) =>
        $"{portalId}/{(year is { } y ? y.ToString(CultureInfo.InvariantCulture) : "unknown")}/{sha256}.{extension}";

    /// <summary>The file extension for stored bytes: from the served type, else the URL, else <c>bin</c>.</summary>
    public static string Extension(string? contentType, Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var media = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        switch (media)
        {
            case "text/html" or "application/xhtml+xml":
                return "html";
            case "application/pdf":
                return "pdf";
            case "application/msword":
                return "doc";
            case "application/vnd.openxmlformats-officedocument.wordprocessingml.document":
                return "docx";
            case "text/plain":
                return "txt";
        }

        var fromUrl = Discovery.AttachmentFinder.Extension(url.AbsolutePath);
        return fromUrl switch
        {
            "htm" or "html" or "shtml" or "jsp" or "aspx" or "php" => "html",
            "pdf" or "doc" or "docx" or "wps" or "txt" or "xls" or "xlsx" or "ofd" => fromUrl,
            null => "html",
            _ => "bin",
        };
    }

    /// <summary>The metadata written with a blob (null values left out).</summary>
    public static Dictionary<string, string> ToMetadata(RawReportInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SourceUrl] = info.SourceUrl.AbsoluteUri,
            [FinalUrl] = info.FinalUrl.AbsoluteUri,
            [PortalId] = info.PortalId,
            [Sha256] = info.Sha256,
            [Kind] = info.Kind,
        };
        void Put(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                metadata[key] = value;
            }
        }

        Put(FetchedAt, info.FetchedAt?.ToString("O", CultureInfo.InvariantCulture));
        Put(ContentType, info.ContentType);
        Put(ETag, info.ETag);
        Put(LastModified, info.LastModified);
        Put(LinkText, info.LinkText);
        Put(LinkDate, info.LinkDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Put(ParentUrl, info.ParentUrl?.AbsoluteUri);
        Put(ReportYear, info.ReportYear?.ToString(CultureInfo.InvariantCulture));
        Put(TraceParent, info.TraceParent);
        return metadata;
    }

    /// <summary>Reads a blob's metadata back; null when it is not a harvested raw report (required keys missing).</summary>
    public static RawReportInfo? FromMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        string? Get(string key) => metadata.TryGetValue(key, out var v) && !string.IsNullOrEmpty(v) ? v : null;
        if (!Uri.TryCreate(Get(SourceUrl), UriKind.Absolute, out var source) || Get(PortalId) is not { } portal || Get(Sha256) is not { } sha)
        {
            return null;
        }

        return new RawReportInfo
        {
            SourceUrl = source,
            FinalUrl = Uri.TryCreate(Get(FinalUrl), UriKind.Absolute, out var final) ? final : source,
            FetchedAt = DateTimeOffset.TryParse(Get(FetchedAt), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null,
            ContentType = Get(ContentType),
            ETag = Get(ETag),
            LastModified = Get(LastModified),
            LinkText = Get(LinkText),
            LinkDate = DateOnly.TryParseExact(Get(LinkDate), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null,
            PortalId = portal,
            Sha256 = sha,
            Kind = Get(Kind) ?? PageKind,
            ParentUrl = Uri.TryCreate(Get(ParentUrl), UriKind.Absolute, out var parent) ? parent : null,
            ReportYear = int.TryParse(Get(ReportYear), NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : null,
            TraceParent = Get(TraceParent),
        };
    }

    /// <summary>
    /// The parser's input for a raw-reports blob: its bytes with the URL, served Content-Type, link text and date from
    /// its metadata, and the blob's file name (its extension tells HTML from PDF).
    /// </summary>
    public static ReportSource ToReportSource(string blobName, IReadOnlyDictionary<string, string> metadata, ReadOnlyMemory<byte> content)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        var info = FromMetadata(metadata);
        return new ReportSource(content)
        {
            Url = info?.FinalUrl,
            ContentType = info?.ContentType,
            LinkText = info?.LinkText,
            LinkDate = info?.LinkDate,
            FileName = blobName[(blobName.LastIndexOf('/') + 1)..],
        };
    }
}
