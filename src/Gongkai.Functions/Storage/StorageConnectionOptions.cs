using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Gongkai.Functions.Storage;

/// <summary>
/// The storage account, read from the settings the Functions host reads: <c>AzureWebJobsStorage</c> as a connection
/// string (<c>UseDevelopmentStorage=true</c> for Azurite), or identity-based <c>AzureWebJobsStorage__blobServiceUri</c>,
/// <c>__queueServiceUri</c> and <c>__tableServiceUri</c> (or <c>__accountName</c>) with <c>__credential=managedidentity</c>
/// and <c>__clientId</c> for a user-assigned identity.
/// </summary>
public sealed class StorageConnectionOptions
{
    public const string SettingName = "AzureWebJobsStorage";

    /// <summary>The value of <c>AzureWebJobsStorage</c> itself.</summary>
    public string? ConnectionString { get; set; }

    public string? BlobServiceUri { get; set; }

    public string? QueueServiceUri { get; set; }

    public string? TableServiceUri { get; set; }

    /// <summary>Stands for the three public-cloud endpoints of the account when the URIs are not set.</summary>
    public string? AccountName { get; set; }

    /// <summary><c>managedidentity</c>, or unset for <c>DefaultAzureCredential</c>.</summary>
    public string? Credential { get; set; }

    /// <summary>The client id of a user-assigned managed identity.</summary>
    public string? ClientId { get; set; }

    public bool UsesConnectionString => !string.IsNullOrWhiteSpace(ConnectionString);

    /// <summary>Every client of the account sends queue messages the way the Functions host reads them: base64.</summary>
    public static void Configure(QueueClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.MessageEncoding = QueueMessageEncoding.Base64;
    }

    public BlobServiceClient CreateBlobServiceClient(BlobClientOptions options, TokenCredential credential) =>
        UsesConnectionString ? new BlobServiceClient(ConnectionString, options) : new BlobServiceClient(ServiceUri(nameof(BlobServiceUri), "blob"), credential, options);

    public QueueServiceClient CreateQueueServiceClient(QueueClientOptions options, TokenCredential credential) =>
        UsesConnectionString ? new QueueServiceClient(ConnectionString, options) : new QueueServiceClient(ServiceUri(nameof(QueueServiceUri), "queue"), credential, options);

    public TableServiceClient CreateTableServiceClient(TableClientOptions options, TokenCredential credential) =>
        UsesConnectionString ? new TableServiceClient(ConnectionString, options) : new TableServiceClient(ServiceUri(nameof(TableServiceUri), "table"), credential, options);

    /// <summary>The identity the identity-based connection authenticates as (unused with a connection string).</summary>
    public TokenCredential CreateCredential()
    {
        if (string.Equals(Credential, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrWhiteSpace(ClientId)
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(ClientId));
        }

        var options = new DefaultAzureCredentialOptions();
        if (!string.IsNullOrWhiteSpace(ClientId))
        {
            options.ManagedIdentityClientId = ClientId;
        }

        return new DefaultAzureCredential(options);
    }

    /// <summary>The setting's name as an operator writes it: <c>AzureWebJobsStorage__blobServiceUri</c>.</summary>
    public static string Setting(string property) =>
        property.Length == 0 ? SettingName : SettingName + "__" + char.ToLowerInvariant(property[0]) + property[1..];

    internal Uri? TryServiceUri(string property, string service, out string? error)
    {
        error = null;
        var value = property switch
        {
            nameof(BlobServiceUri) => BlobServiceUri,
            nameof(QueueServiceUri) => QueueServiceUri,
            _ => TableServiceUri,
        };
        if (string.IsNullOrWhiteSpace(value))
        {
            return string.IsNullOrWhiteSpace(AccountName) ? null : new Uri($"https://{AccountName}.{service}.core.windows.net");
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            error = $"'{Setting(property)}' is not an absolute http(s) URL: '{value}'.";
            return null;
        }

        return uri;
    }

    private Uri ServiceUri(string property, string service) =>
        TryServiceUri(property, service, out var error) ?? throw new InvalidOperationException(error ?? $"'{Setting(property)}' is not set.");
}
