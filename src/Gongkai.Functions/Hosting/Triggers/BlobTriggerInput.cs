using System.Text;
using System.Text.Json;

namespace Gongkai.Functions.Hosting.Triggers;

/// <summary>
/// A blob trigger's binding: the blob's name (the path pattern's <c>{name}</c>), and its content when the host sent it
/// in a form that keeps every byte. Content sent as text may have been decoded lossily by the host (reports are often
/// GB18030), so it is used only when it provably round-trips; otherwise the function reads the blob by name.
/// </summary>
public sealed record BlobTriggerInput(string Name, Uri? Uri, string? ETag, long? ContentLength, ReadOnlyMemory<byte>? Content)
{
    public static BlobTriggerInput FromInvocation(InvocationRequest request, string binding, string container)
    {
        var uri = request.MetadataString("Uri") is { } u && Uri.TryCreate(u, UriKind.Absolute, out var parsed) ? parsed : null;
        var name = request.MetadataString("name") ?? NameFromTriggerPath(request.MetadataString("BlobTrigger"), container) ?? NameFromUri(uri, container)
            ?? throw new InvalidInvocationException("The blob invocation names no blob: Metadata has neither name, BlobTrigger nor Uri.");
        var properties = request.Metadata("Properties");
        string? etag = null;
        long? length = null;
        if (properties is { ValueKind: JsonValueKind.Object } p)
        {
            etag = InvocationRequest.Property(p, "ETag") is { } e ? InvocationRequest.AsString(e) : null;
            length = InvocationRequest.Property(p, "ContentLength") is { } l ? InvocationRequest.AsInt64(l)
                : InvocationRequest.Property(p, "Length") is { } l2 ? InvocationRequest.AsInt64(l2) : null;
        }
        var content = request.Data(binding) is { } data ? LosslessContent(data, length) : null;
        return new BlobTriggerInput(name, uri, etag, length, content);
    }

    private static ReadOnlyMemory<byte>? LosslessContent(JsonElement data, long? length)
    {
        if (data.ValueKind != JsonValueKind.String || length is null)
        {
            return null;
        }
        var text = data.GetString()!;
        // dataType "binary": the host serialises the bytes as base64.
        var decoded = new byte[text.Length / 4 * 3];
        if (text.Length % 4 == 0 && Convert.TryFromBase64String(text, decoded, out var written) && written == length)
        {
            return decoded.AsMemory(0, written);
        }
        // dataType "string": usable only if it was valid UTF-8 to begin with, i.e. nothing was replaced.
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length != length || text.Contains('\uFFFD', StringComparison.Ordinal))
        {
            return null;
        }
        return bytes;
    }

    private static string? NameFromTriggerPath(string? path, string container) =>
        path is not null && path.StartsWith(container + "/", StringComparison.Ordinal) ? path[(container.Length + 1)..] : null;

    private static string? NameFromUri(Uri? uri, string container)
    {
        if (uri is null)
        {
            return null;
        }
        var path = Uri.UnescapeDataString(uri.AbsolutePath);
        var marker = "/" + container + "/";
        var index = path.IndexOf(marker, StringComparison.Ordinal);
        return index < 0 ? null : path[(index + marker.Length)..];
    }
}
