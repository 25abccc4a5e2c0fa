using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace Gongkai.Storage;

/// <summary>
/// A storage account: its three service endpoints and one Azure.Core <see cref="HttpPipeline"/> (retries, logging,
/// tracing, authorization) that every blob, queue and table client made from it shares.
/// </summary>
public sealed class StorageAccount
{
    /// <summary>The OAuth scope Azure Storage accepts for all three services.</summary>
    public const string TokenScope = "https://storage.azure.com/.default";

    private StorageAccount(string accountName, Uri blobEndpoint, Uri queueEndpoint, Uri tableEndpoint, HttpPipelinePolicy authorization, StorageClientOptions? options)
    {
        options ??= new StorageClientOptions();
        AccountName = accountName;
        BlobEndpoint = blobEndpoint;
        QueueEndpoint = queueEndpoint;
        TableEndpoint = tableEndpoint;
        Pipeline = HttpPipelineBuilder.Build(
            options,
            perCallPolicies: [],
            perRetryPolicies: [new StorageHeadersPolicy(options.ServiceVersion), authorization],
            new ResponseClassifier());
    }

    public string AccountName { get; }

    public Uri BlobEndpoint { get; }

    public Uri QueueEndpoint { get; }

    public Uri TableEndpoint { get; }

    /// <summary>The pipeline all clients of this account send through.</summary>
    public HttpPipeline Pipeline { get; }

    /// <summary>An account authorized with Shared Key.</summary>
    public static StorageAccount Create(StorageConnectionString connection, StorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var credential = new StorageSharedKeyCredential(connection.AccountName, connection.AccountKey);
        return new StorageAccount(connection.AccountName, connection.BlobEndpoint, connection.QueueEndpoint, connection.TableEndpoint, new SharedKeyAuthenticationPolicy(credential), options);
    }

    /// <summary>An account authorized with bearer tokens from <paramref name="credential"/> (managed identity, say).</summary>
    public static StorageAccount Create(Uri blobEndpoint, Uri queueEndpoint, Uri tableEndpoint, TokenCredential credential, StorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(blobEndpoint);
        ArgumentNullException.ThrowIfNull(queueEndpoint);
        ArgumentNullException.ThrowIfNull(tableEndpoint);
        ArgumentNullException.ThrowIfNull(credential);
        return new StorageAccount(AccountNameFrom(blobEndpoint), blobEndpoint, queueEndpoint, tableEndpoint, new BearerTokenAuthenticationPolicy(credential, TokenScope), options);
    }

    public static StorageAccount FromConnectionString(string connectionString, StorageClientOptions? options = null) =>
        Create(StorageConnectionString.Parse(connectionString), options);

    /// <summary>
    /// Reads the account the way the Functions host reads a connection setting: a connection string in
    /// <paramref name="name"/>, or identity-based settings <c>{name}__blobServiceUri</c>, <c>__queueServiceUri</c>,
    /// <c>__tableServiceUri</c> (or <c>__accountName</c>), <c>__credential</c> (<c>managedidentity</c>) and
    /// <c>__clientId</c> for a user-assigned identity.
    /// </summary>
    public static StorageAccount FromConfiguration(IConfiguration configuration, string name = "AzureWebJobsStorage", StorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var connectionString = configuration[name];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return FromConnectionString(connectionString, options);
        }

        var section = configuration.GetSection(name);
        var accountName = section["accountName"];
        var blob = ServiceUri(section, "blobServiceUri", accountName, "blob", name);
        var queue = ServiceUri(section, "queueServiceUri", accountName, "queue", name);
        var table = ServiceUri(section, "tableServiceUri", accountName, "table", name);
        if (blob is null && queue is null && table is null)
        {
            throw new InvalidOperationException(
                $"No storage connection is configured: set '{name}' to a connection string (UseDevelopmentStorage=true for Azurite) " +
                $"or set '{name}__blobServiceUri', '{name}__queueServiceUri' and '{name}__tableServiceUri' for an identity-based connection.");
        }

        if (blob is null || queue is null || table is null)
        {
            throw new InvalidOperationException(
                $"The identity-based storage connection '{name}' needs all of blobServiceUri, queueServiceUri and tableServiceUri (or accountName); " +
                $"missing: {string.Join(", ", new[] { ("blobServiceUri", blob), ("queueServiceUri", queue), ("tableServiceUri", table) }.Where(p => p.Item2 is null).Select(p => p.Item1))}.");
        }

        return Create(blob, queue, table, CreateCredential(section), options);
    }

    public BlobContainerClient GetBlobContainer(string name) => new(Pipeline, Combine(BlobEndpoint, name), name);

    public QueueClient GetQueue(string name) => new(Pipeline, Combine(QueueEndpoint, name), name);

    public TableClient GetTable(string name) => new(Pipeline, TableEndpoint, name);

    public override string ToString() => $"StorageAccount({AccountName}: {BlobEndpoint}, {QueueEndpoint}, {TableEndpoint})";

    private static TokenCredential CreateCredential(IConfigurationSection section)
    {
        var clientId = section["clientId"];
        var kind = section["credential"];
        if (string.Equals(kind, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrWhiteSpace(clientId)
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        }

        if (!string.IsNullOrWhiteSpace(kind))
        {
            throw new InvalidOperationException($"'{section.Path}__credential' is '{kind}'; the only supported value is 'managedidentity' (leave it unset for DefaultAzureCredential).");
        }

        var options = new DefaultAzureCredentialOptions();
        if (!string.IsNullOrWhiteSpace(clientId))
        {
            options.ManagedIdentityClientId = clientId;
        }

        return new DefaultAzureCredential(options);
    }

    private static Uri? ServiceUri(IConfigurationSection section, string key, string? accountName, string service, string name)
    {
        var value = section[key];
        if (!string.IsNullOrWhiteSpace(value))
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new InvalidOperationException($"'{name}__{key}' is not an absolute http(s) URL: '{value}'.");
            }

            return uri;
        }

        return string.IsNullOrWhiteSpace(accountName) ? null : new Uri($"https://{accountName}.{service}.core.windows.net");
    }

    // Production endpoints name the account in the host; Azurite's path-style endpoints in the first path segment.
    private static string AccountNameFrom(Uri endpoint)
    {
        var path = endpoint.AbsolutePath.Trim('/');
        if (endpoint.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || endpoint.IsLoopback)
        {
            if (path.Length > 0)
            {
                return path.Split('/')[0];
            }
        }

        return endpoint.Host.Split('.')[0];
    }

    private static Uri Combine(Uri endpoint, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var text = endpoint.AbsoluteUri.TrimEnd('/');
        return new Uri(text + "/" + Uri.EscapeDataString(name));
    }
}
