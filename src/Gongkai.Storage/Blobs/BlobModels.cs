namespace Gongkai.Storage;

/// <summary>What an upload produced.</summary>
public sealed record BlobInfo(string ETag, DateTimeOffset LastModified);

/// <summary>Options for <see cref="BlobContainerClient.UploadAsync"/>.</summary>
public sealed class BlobUploadOptions
{
    public string? ContentType { get; init; }

    /// <summary>Metadata; values may be any Unicode text (see <see cref="BlobMetadataEncoding"/>).</summary>
    public IDictionary<string, string>? Metadata { get; init; }

    /// <summary>Fail with 409 (<c>BlobAlreadyExists</c>) if the blob exists (<c>If-None-Match: *</c>).</summary>
    public bool CreateOnly { get; init; }

    /// <summary>Replace only if the blob's ETag still matches (412 otherwise).</summary>
    public string? IfMatch { get; init; }

    /// <summary>The lease id, when the blob is leased.</summary>
    public string? LeaseId { get; init; }
}

/// <summary>A blob's system properties and (decoded) metadata.</summary>
public sealed class BlobProperties
{
    public required string Name { get; init; }

    public long ContentLength { get; init; }

    public string? ContentType { get; init; }

    public required string ETag { get; init; }

    public DateTimeOffset LastModified { get; init; }

    public DateTimeOffset? CreatedOn { get; init; }

    /// <summary>Metadata with names compared case-insensitively and values decoded.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}

/// <summary>One page of a blob listing; <see cref="NextMarker"/> is null on the last page.</summary>
public sealed record BlobPage(IReadOnlyList<BlobProperties> Items, string? NextMarker);

/// <summary>A downloading blob: read <see cref="Content"/> as it arrives, then dispose to release the connection.</summary>
public sealed class BlobDownload : IAsyncDisposable, IDisposable
{
    private readonly IDisposable _response;

    internal BlobDownload(Stream content, BlobProperties properties, IDisposable response)
    {
        Content = content;
        Properties = properties;
        _response = response;
    }

    public Stream Content { get; }

    public BlobProperties Properties { get; }

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync().ConfigureAwait(false);
        _response.Dispose();
    }

    public void Dispose()
    {
        Content.Dispose();
        _response.Dispose();
    }
}
