using Azure.Core;

namespace Gongkai.Storage;

/// <summary>
/// Options for the storage pipeline. Retries come from Azure.Core's <see cref="RetryOptions"/>: its default
/// classifier retries 408, 429, 500, 502, 503 and 504 responses and I/O failures such as a connection reset,
/// with exponential backoff.
/// </summary>
public sealed class StorageClientOptions : ClientOptions
{
    /// <summary>The REST API version sent as <c>x-ms-version</c> to the blob, queue and table services.</summary>
    public const string DefaultServiceVersion = "2025-01-05";

    public StorageClientOptions()
    {
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = 5;
        Retry.Delay = TimeSpan.FromMilliseconds(500);
        Retry.MaxDelay = TimeSpan.FromSeconds(30);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(100);
        foreach (var header in new[] { "x-ms-request-id", "x-ms-error-code", "x-ms-version", "x-ms-lease-id", "x-ms-continuation-NextPartitionKey", "x-ms-continuation-NextRowKey", "ETag", "Last-Modified" })
        {
            Diagnostics.LoggedHeaderNames.Add(header);
        }

        foreach (var parameter in new[] { "restype", "comp", "prefix", "maxresults", "numofmessages", "visibilitytimeout", "messagettl", "$top" })
        {
            Diagnostics.LoggedQueryParameters.Add(parameter);
        }
    }

    /// <summary>The REST API version sent as <c>x-ms-version</c>.</summary>
    public string ServiceVersion { get; set; } = DefaultServiceVersion;
}
