using System.Globalization;
using System.Text.Json.Serialization;
using Azure;
using Azure.Storage.Blobs.Models;
using Gongkai.Harvest.Stores;
using Gongkai.Reports;

namespace Gongkai.Functions.Records;

/// <summary>
/// One archived raw blob behind a report, and where its parse is. A report lists every version it was parsed from;
/// the newest fetch is current, the others stay reachable.
/// </summary>
public sealed record ReportVersion
{
    public required string Blob { get; init; }
    public string? ETag { get; init; }
    public string? Sha256 { get; init; }
    public string? PortalId { get; init; }
    public string? SourceUrl { get; init; }
    public string? FinalUrl { get; init; }
    public DateTimeOffset? FetchedAt { get; init; }
    public string? ContentType { get; init; }
    public string? LinkText { get; init; }
    public DateOnly? LinkDate { get; init; }
    public string? Kind { get; init; }

    /// <summary>The harvest run's W3C trace context from the blob's metadata; telemetry only, not part of the record.</summary>
    [JsonIgnore]
    public string? TraceParent { get; init; }

    /// <summary>The parsed JSON's name in parsed-reports.</summary>
    public string? ParsedBlob { get; init; }
    public string? ParserVersion { get; init; }

    /// <summary>Orders versions by when they were fetched (then by name, so the order is total and stable).</summary>
    public static int CompareByFetch(ReportVersion a, ReportVersion b)
    {
        var byTime = Nullable.Compare(a.FetchedAt, b.FetchedAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Blob, b.Blob);
    }

    /// <summary>Reads the harvester's blob metadata (lower-case keys, see docs/storage.md) from a properties request.</summary>
    public static ReportVersion FromBlob(string name, BlobProperties properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        return FromBlob(name, properties.ETag, properties.Metadata, properties.ContentType, properties.CreatedOn, properties.LastModified);
    }

    /// <summary>Reads the harvester's blob metadata from a download's details.</summary>
    public static ReportVersion FromBlob(string name, BlobDownloadDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        return FromBlob(name, details.ETag, details.Metadata, details.ContentType, details.CreatedOn, details.LastModified);
    }

    private static ReportVersion FromBlob(string name, ETag etag, IDictionary<string, string> stored, string? contentType, DateTimeOffset createdOn, DateTimeOffset lastModified)
    {
        var metadata = BlobMetadataEncoding.DecodeAll(stored);
        string? Meta(string key) => metadata.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
        return new ReportVersion
        {
            Blob = name,
            ETag = etag.ToString(),
            Sha256 = Meta("sha256"),
            PortalId = Meta("portalid") ?? PortalFromName(name),
            SourceUrl = Meta("sourceurl"),
            FinalUrl = Meta("finalurl"),
            FetchedAt = DateTimeOffset.TryParse(Meta("fetchedat"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var fetched)
                ? fetched.ToUniversalTime() : createdOn != default ? createdOn : lastModified,
            ContentType = Meta("contenttype") ?? contentType,
            LinkText = Meta("linktext"),
            LinkDate = DateOnly.TryParseExact(Meta("linkdate"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null,
            Kind = Meta("kind"),
            TraceParent = Meta("traceparent"),
        };
    }

    /// <summary>What the parser needs besides the bytes.</summary>
    public ReportSource ToSource(ReadOnlyMemory<byte> content) => new(content)
    {
        Url = Uri.TryCreate(FinalUrl ?? SourceUrl, UriKind.Absolute, out var url) ? url : null,
        ContentType = ContentType,
        LinkText = LinkText,
        LinkDate = LinkDate,
        FileName = Path.GetFileName(Blob),
    };

    private static string? PortalFromName(string name)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? name[..slash] : null;
    }
}
