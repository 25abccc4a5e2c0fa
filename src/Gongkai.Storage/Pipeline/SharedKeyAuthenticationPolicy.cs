using Azure.Core;
using Azure.Core.Pipeline;

namespace Gongkai.Storage;

/// <summary>Signs each attempt with Shared Key (after <see cref="StorageHeadersPolicy"/> has dated it).</summary>
internal sealed class SharedKeyAuthenticationPolicy(StorageSharedKeyCredential credential) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Name] = header.Value;
        }

        var uri = request.Uri.ToUri();
        long? contentLength = request.Content is { } content && content.TryComputeLength(out var length) ? length : null;
        var stringToSign = StorageMessage.GetService(message) == StorageService.Table
            ? SharedKeyStringToSign.ForTable(request.Method.Method, uri, headers, credential.AccountName)
            : SharedKeyStringToSign.ForBlobOrQueue(request.Method.Method, uri, headers, contentLength, credential.AccountName);
        request.Headers.SetValue("Authorization", $"SharedKey {credential.AccountName}:{credential.ComputeSignature(stringToSign)}");
    }
}
