using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Gongkai.Storage;

/// <summary>
/// Stamps every attempt with the API version and a fresh <c>x-ms-date</c>: the date is part of the signed string
/// and the service rejects requests whose date is more than 15 minutes off, so a retry needs a new one.
/// </summary>
internal sealed class StorageHeadersPolicy(string serviceVersion) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        message.Request.Headers.SetValue("x-ms-version", serviceVersion);
        message.Request.Headers.SetValue("x-ms-date", DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture));
    }
}
