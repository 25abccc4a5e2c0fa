using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Gongkai.Storage;

/// <summary>A blob container over the Blob service REST API.</summary>
public sealed class BlobContainerClient
{
    /// <summary>Bodies up to this size go up in one Put Blob; larger (or unknown-length) ones as blocks of this size.</summary>
    internal const int BlockSize = 4 * 1024 * 1024;

    private readonly HttpPipeline _pipeline;

    internal BlobContainerClient(HttpPipeline pipeline, Uri uri, string name)
    {
        _pipeline = pipeline;
        Uri = uri;
        Name = name;
    }

    public string Name { get; }

    public Uri Uri { get; }

    /// <summary>The URL of a blob in this container.</summary>
    public Uri GetBlobUri(string blob) => new(Uri.AbsoluteUri + "/" + EscapeBlobName(blob));

    /// <summary>Creates the container; returns false if it already existed.</summary>
    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Put, null);
        message.Request.Uri.AppendQuery("restype", "container");
        var response = await StorageMessage.SendExpectingAsync(_pipeline, message, cancellationToken, 201, 409).ConfigureAwait(false);
        if (response.Status == 409)
        {
            var error = await StorageMessage.CreateExceptionAsync(message, cancellationToken).ConfigureAwait(false);
            return error.ErrorCode == "ContainerAlreadyExists" ? false : throw error;
        }

        return true;
    }

    /// <summary>Deletes the container; returns false if it did not exist.</summary>
    public async Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, null);
        message.Request.Uri.AppendQuery("restype", "container");
        var response = await StorageMessage.SendExpectingAsync(_pipeline, message, cancellationToken, 202, 404).ConfigureAwait(false);
        return response.Status == 202;
    }

    /// <summary>
    /// Uploads <paramref name="content"/> as a block blob, reading it once from its current position. Up to 4 MiB go in
    /// one request; longer or non-seekable streams are sent as 4 MiB blocks and committed in one block list, so no
    /// more than one block is ever held in memory.
    /// </summary>
    public async Task<BlobInfo> UploadAsync(string blob, Stream content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ValidateBlobName(blob);
        ArgumentNullException.ThrowIfNull(content);
        options ??= new BlobUploadOptions();
        var metadata = EncodeMetadata(options.Metadata);
        var buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
        try
        {
            var filled = await FillAsync(content, buffer, cancellationToken).ConfigureAwait(false);
            if (filled < BlockSize)
            {
                return await PutBlobAsync(blob, buffer.AsMemory(0, filled), options, metadata, cancellationToken).ConfigureAwait(false);
            }

            var blockIds = new List<string>();
            while (filled > 0)
            {
                var blockId = Convert.ToBase64String(Encoding.ASCII.GetBytes(blockIds.Count.ToString("D8", CultureInfo.InvariantCulture)));
                await PutBlockAsync(blob, blockId, buffer.AsMemory(0, filled), options.LeaseId, cancellationToken).ConfigureAwait(false);
                blockIds.Add(blockId);
                filled = await FillAsync(content, buffer, cancellationToken).ConfigureAwait(false);
            }

            return await PutBlockListAsync(blob, blockIds, options, metadata, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Starts downloading a blob; the body is streamed from the connection, not buffered.</summary>
    public async Task<BlobDownload> DownloadAsync(string blob, CancellationToken cancellationToken = default)
    {
        ValidateBlobName(blob);
        var message = CreateMessage(RequestMethod.Get, blob);
        message.BufferResponse = false;
        try
        {
            var response = await StorageMessage.SendExpectingAsync(_pipeline, message, cancellationToken, 200).ConfigureAwait(false);
            var stream = response.ContentStream ?? Stream.Null;
            return new BlobDownload(stream, ReadProperties(blob, response), message);
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }

    /// <summary>Reads a blob's properties and metadata; null if the blob does not exist.</summary>
    public async Task<BlobProperties?> GetPropertiesAsync(string blob, CancellationToken cancellationToken = default)
    {
        ValidateBlobName(blob);
        using var message = CreateMessage(RequestMethod.Head, blob);
        var response = await StorageMessage.SendExpectingAsync(_pipeline, message, cancellationToken, 200, 404).ConfigureAwait(false);
        return response.Status == 404 ? null : ReadProperties(blob, response);
    }

    /// <summary>Lists blobs (with metadata) whose names start with <paramref name="prefix"/>, following continuation markers.</summary>
    public async IAsyncEnumerable<BlobProperties> ListAsync(string? prefix = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? marker = null;
        do
        {
            var page = await ListPageAsync(prefix, marker, null, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            marker = page.NextMarker;
        }
        while (marker is not null);
    }

    /// <summary>Lists one page of blobs (the service returns at most 5,000 per page).</summary>
    public async Task<BlobPage> ListPageAsync(string? prefix, string? marker, int? maxResults, CancellationToken cancellationToken = default)
    {
        if (maxResults is <= 0 or > 5000)
        {
            throw new ArgumentOutOfRangeException(nameof(maxResults), maxResults, "maxResults must be between 1 and 5000.");
        }

        using var message = CreateMessage(RequestMethod.Get, null);
        var uri = message.Request.Uri;
        uri.AppendQuery("restype", "container");
        uri.AppendQuery("comp", "list");
        uri.AppendQuery("include", "metadata");
        if (!string.IsNullOrEmpty(prefix))
        {
            uri.AppendQuery("prefix", prefix);
        }

        if (!string.IsNullOrEmpty(marker))
        {
            uri.AppendQuery("marker", marker);
        }

        if (maxResults is { } max)
        {
            uri.AppendQuery("maxresults", max.ToString(CultureInfo.InvariantCulture));
        }

        var response = await StorageMessage.SendExpectingAsync(_pipeline, message, cancellationToken, 200).ConfigureAwait(false);
        var root = (await XDocument.LoadAsync(response.ContentStream!, LoadOptions.None, cancellationToken).ConfigureAwait(false)).Root
            ?? throw new StorageRequestFailedException(response.Status, null, null, "The blob listing response had no root element.");
        var items = new List<BlobProperties>();
        foreach (var element in root.Element("Blobs")?.Elements("Blob") ?? [])
        {
            items.Add(ParseListedBlob(element));
        }

        var next = root.Element("NextMarker")?.Value;
        return new BlobPage(items, string.IsNullOrEmpty(next) ? null : next);
    }

    /// <summary>Deletes a blob (and its snapshots); throws with <see cref="StorageRequestFailedException.IsNotFound"/> if it does not exist.</summary>
    public async Task DeleteAsync(string blob, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        using var message = CreateDeleteMessage(blob, ifMatch);
        await StorageMessage.SendExpectingAsync(_pipeline, message, cancellationToken, 202).ConfigureAwait(false);
    }

    /// <summary>Deletes a blob if it exists; returns whether it did.</summary>
    public async Task<bool> DeleteIfExistsAsync(string blob, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        using var message = CreateDeleteMessage(blob, ifMatch);
        var response = await StorageMessage.SendExpectingAsync(_pipeline, message, cancellationToken, 202, 404).ConfigureAwait(false);
        return response.Status == 202;
    }

    /// <summary>
    /// Acquires a lease on a blob, creating the blob empty if it is missing. Returns the lease id, or null when someone
    /// else holds the lease. <paramref name="duration"/> is 15 to 60 seconds, or <see cref="Timeout.InfiniteTimeSpan"/>.
    /// </summary>
    public async Task<string?> TryAcquireLeaseAsync(string blob, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ValidateBlobName(blob);
        var seconds = duration == Timeout.InfiniteTimeSpan ? -1 : (int)duration.TotalSeconds;
        if (seconds != -1 && (seconds < 15 || seconds > 60 || duration.TotalSeconds != seconds))
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A blob lease lasts 15 to 60 whole seconds, or is infinite.");
        }

        for (var attempt = 0; ; attempt++)
        {
            using var message = CreateLeaseMessage(blob, "acquire", null);
            message.Request.Headers.SetValue("x-ms-lease-duration", seconds.ToString(CultureInfo.InvariantCulture));
            message.Request.Headers.SetValue("x-ms-proposed-lease-id", Guid.NewGuid().ToString());
            var response = await StorageMessage.SendExpectingAsync(_pipeline, message, cancellationToken, 201, 404, 409).ConfigureAwait(false);
            if (response.Status == 201)
            {
                return response.Headers.TryGetValue("x-ms-lease-id", out var leaseId) ? leaseId : throw new StorageRequestFailedException(201, null, null, "The lease response had no x-ms-lease-id.");
            }

            var error = await StorageMessage.CreateExceptionAsync(message, cancellationToken).ConfigureAwait(false);
            if (response.Status == 409 && error.ErrorCode == "LeaseAlreadyPresent")
            {
                return null;
            }

            if (response.Status != 404 || attempt > 0)
            {
                throw error;
            }

            await CreateEmptyBlobIfMissingAsync(blob, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task RenewLeaseAsync(string blob, string leaseId, CancellationToken cancellationToken = default) =>
        ChangeLeaseAsync(blob, "renew", leaseId, cancellationToken);

    public Task ReleaseLeaseAsync(string blob, string leaseId, CancellationToken cancellationToken = default) =>
        ChangeLeaseAsync(blob, "release", leaseId, cancellationToken);

    internal static string EscapeBlobName(string blob) => string.Join('/', blob.Split('/').Select(Uri.EscapeDataString));

    private static void ValidateBlobName(string blob)
    {
        ArgumentException.ThrowIfNullOrEmpty(blob);
        if (blob.Length > 1024)
        {
            throw new ArgumentException($"A blob name is at most 1,024 characters; this one has {blob.Length}.", nameof(blob));
        }
    }

    private static async Task<int> FillAsync(Stream content, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        int read;
        while (filled < BlockSize && (read = await content.ReadAsync(buffer.AsMemory(filled, BlockSize - filled), cancellationToken).ConfigureAwait(false)) > 0)
        {
            filled += read;
        }

        return filled;
    }

    private static Dictionary<string, string> EncodeMetadata(IDictionary<string, string>? metadata)
    {
        var encoded = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in metadata ?? new Dictionary<string, string>())
        {
            BlobMetadataEncoding.ValidateName(name);
            if (!encoded.TryAdd(name, BlobMetadataEncoding.Encode(value ?? throw new ArgumentException($"Blob metadata '{name}' has a null value.", nameof(metadata)))))
            {
                throw new ArgumentException($"Blob metadata names are case-insensitive: '{name}' appears twice.", nameof(metadata));
            }
        }

        return encoded;
    }

    private static void ApplyConditions(Request request, BlobUploadOptions options)
    {
        if (options.CreateOnly)
        {
            request.Headers.SetValue("If-None-Match", "*");
        }

        if (options.IfMatch is { } ifMatch)
        {
            request.Headers.SetValue("If-Match", ifMatch);
        }

        if (options.LeaseId is { } leaseId)
        {
            request.Headers.SetValue("x-ms-lease-id", leaseId);
        }
    }

    private static void ApplyMetadata(Request request, Dictionary<string, string> metadata)
    {
        foreach (var (name, value) in metadata)
        {
            request.Headers.SetValue("x-ms-meta-" + name, value);
        }
    }

    private static BlobInfo ReadInfo(Response response) => new(
        response.Headers.ETag?.ToString("H") ?? string.Empty,
        ParseDate(response.Headers.TryGetValue("Last-Modified", out var lastModified) ? lastModified : null) ?? DateTimeOffset.MinValue);

    private static BlobProperties ReadProperties(string blob, Response response)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            if (header.Name.StartsWith("x-ms-meta-", StringComparison.OrdinalIgnoreCase))
            {
                metadata[header.Name["x-ms-meta-".Length..]] = BlobMetadataEncoding.Decode(header.Value);
            }
        }

        response.Headers.TryGetValue("Content-Length", out var length);
        response.Headers.TryGetValue("Content-Type", out var contentType);
        response.Headers.TryGetValue("Last-Modified", out var lastModified);
        response.Headers.TryGetValue("x-ms-creation-time", out var created);
        return new BlobProperties
        {
            Name = blob,
            ContentLength = long.TryParse(length, NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : 0,
            ContentType = contentType,
            ETag = response.Headers.ETag?.ToString("H") ?? string.Empty,
            LastModified = ParseDate(lastModified) ?? DateTimeOffset.MinValue,
            CreatedOn = ParseDate(created),
            Metadata = metadata,
        };
    }

    private static BlobProperties ParseListedBlob(XElement element)
    {
        var nameElement = element.Element("Name");
        var name = nameElement?.Value ?? string.Empty;
        if ((string?)nameElement?.Attribute("Encoded") == "true")
        {
            name = Uri.UnescapeDataString(name);
        }

        var properties = element.Element("Properties");
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in element.Element("Metadata")?.Elements() ?? [])
        {
            metadata[item.Name.LocalName] = BlobMetadataEncoding.Decode(item.Value);
        }

        var etag = properties?.Element("Etag")?.Value ?? string.Empty;
        return new BlobProperties
        {
            Name = name,
            ContentLength = long.TryParse(properties?.Element("Content-Length")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var length) ? length : 0,
            ContentType = properties?.Element("Content-Type")?.Value is { Length: > 0 } type ? type : null,
            ETag = etag.StartsWith('"') ? etag : $"\"{etag}\"",
            LastModified = ParseDate(properties?.Element("Last-Modified")?.Value) ?? DateTimeOffset.MinValue,
            CreatedOn = ParseDate(properties?.Element("Creation-Time")?.Value),
            Metadata = metadata,
        };
    }

    private static DateTimeOffset? ParseDate(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date) ? date : null;

    private HttpMessage CreateMessage(RequestMethod method, string? blob)
    {
        var message = StorageMessage.Create(_pipeline, StorageService.Blob, method, Uri);
        if (blob is not null)
        {
            message.Request.Uri.AppendPath("/" + EscapeBlobName(blob), escape: false);
        }

        return message;
    }

    private HttpMessage CreateDeleteMessage(string blob, string? ifMatch)
    {
        ValidateBlobName(blob);
        var message = CreateMessage(RequestMethod.Delete, blob);
        message.Request.Headers.SetValue("x-ms-delete-snapshots", "include");
        if (ifMatch is not null)
        {
            message.Request.Headers.SetValue("If-Match", ifMatch);
        }

        return message;
    }

    private HttpMessage CreateLeaseMessage(string blob, string action, string? leaseId)
    {
        var message = CreateMessage(RequestMethod.Put, blob);
        message.Request.Uri.AppendQuery("comp", "lease");
        message.Request.Headers.SetValue("x-ms-lease-action", action);
        if (leaseId is not null)
        {
            message.Request.Headers.SetValue("x-ms-lease-id", leaseId);
        }

        return message;
    }

    private async Task ChangeLeaseAsync(string blob, string action, string leaseId, CancellationToken cancellationToken)
    {
        ValidateBlobName(blob);
        ArgumentException.ThrowIfNullOrWhiteSpace(leaseId);
        using var message = CreateLeaseMessage(blob, action, leaseId);
        await StorageMessage.SendExpectingAsync(_pipeline, message, cancellationToken, 200).ConfigureAwait(false);
    }

    private async Task CreateEmptyBlobIfMissingAsync(string blob, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Put, blob);
        message.Request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        message.Request.Headers.SetValue("If-None-Match", "*");
        message.Request.Content = RequestContent.Create(ReadOnlyMemory<byte>.Empty);
        // 409/412: someone else created it meanwhile, which is just as good.
        await StorageMessage.SendExpectingAsync(_pipeline, message, cancellationToken, 201, 409, 412).ConfigureAwait(false);
    }

    private async Task<BlobInfo> PutBlobAsync(string blob, ReadOnlyMemory<byte> body, BlobUploadOptions options, Dictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Put, blob);
        var request = message.Request;
        request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        request.Headers.SetValue("Content-Type", options.ContentType ?? "application/octet-stream");
        ApplyMetadata(request, metadata);
        ApplyConditions(request, options);
        request.Content = RequestContent.Create(body);
        var response = await StorageMessage.SendExpectingAsync(_pipeline, message, cancellationToken, 201).ConfigureAwait(false);
        return ReadInfo(response);
    }

    private async Task PutBlockAsync(string blob, string blockId, ReadOnlyMemory<byte> body, string? leaseId, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Put, blob);
        message.Request.Uri.AppendQuery("comp", "block");
        message.Request.Uri.AppendQuery("blockid", blockId);
        if (leaseId is not null)
        {
            message.Request.Headers.SetValue("x-ms-lease-id", leaseId);
        }

        message.Request.Content = RequestContent.Create(body);
        await StorageMessage.SendExpectingAsync(_pipeline, message, cancellationToken, 201).ConfigureAwait(false);
    }

    private async Task<BlobInfo> PutBlockListAsync(string blob, List<string> blockIds, BlobUploadOptions options, Dictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var list = new XElement("BlockList", blockIds.Select(id => new XElement("Latest", id)));
        var body = Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?>" + list.ToString(SaveOptions.DisableFormatting));
        using var message = CreateMessage(RequestMethod.Put, blob);
        var request = message.Request;
        request.Uri.AppendQuery("comp", "blocklist");
        request.Headers.SetValue("Content-Type", "application/xml");
        request.Headers.SetValue("x-ms-blob-content-type", options.ContentType ?? "application/octet-stream");
        ApplyMetadata(request, metadata);
        ApplyConditions(request, options);
        request.Content = RequestContent.Create(body);
        var response = await StorageMessage.SendExpectingAsync(_pipeline, message, cancellationToken, 201).ConfigureAwait(false);
        return ReadInfo(response);
    }
}
