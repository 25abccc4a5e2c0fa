using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace Gongkai.Functions.Storage;

/// <summary>Checks the storage settings at startup, so a bad or missing one stops the app with the setting's name.</summary>
internal sealed class StorageConnectionValidator : IValidateOptions<StorageConnectionOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageConnectionOptions options)
    {
        var setting = StorageConnectionOptions.SettingName;
        if (options.UsesConnectionString)
        {
            try
            {
                // The clients parse the string as the host does (UseDevelopmentStorage=true included); nothing is sent.
                _ = new BlobServiceClient(options.ConnectionString);
                _ = new QueueServiceClient(options.ConnectionString);
                _ = new TableServiceClient(options.ConnectionString);
                return ValidateOptionsResult.Success;
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or UriFormatException)
            {
                return ValidateOptionsResult.Fail($"'{setting}' is not a usable storage connection string (it needs the blob, queue and table endpoints, or an account name and key): {e.Message}");
            }
        }

        var errors = new List<string>();
        var missing = new List<string>();
        foreach (var (property, service) in new[] { (nameof(options.BlobServiceUri), "blob"), (nameof(options.QueueServiceUri), "queue"), (nameof(options.TableServiceUri), "table") })
        {
            if (options.TryServiceUri(property, service, out var error) is null)
            {
                if (error is null)
                {
                    missing.Add(StorageConnectionOptions.Setting(property));
                }
                else
                {
                    errors.Add(error);
                }
            }
        }

        if (missing.Count == 3)
        {
            return ValidateOptionsResult.Fail(
                $"No storage connection is configured: set '{setting}' to a connection string (UseDevelopmentStorage=true for Azurite) " +
                $"or set '{setting}__blobServiceUri', '{setting}__queueServiceUri' and '{setting}__tableServiceUri' for an identity-based connection.");
        }

        if (missing.Count > 0)
        {
            errors.Add($"The identity-based storage connection '{setting}' needs all three service URIs; missing: {string.Join(", ", missing.Select(m => $"'{m}'"))}.");
        }

        if (!string.IsNullOrWhiteSpace(options.Credential) && !string.Equals(options.Credential, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"'{setting}__credential' is '{options.Credential}'; the only supported value is 'managedidentity' (leave it unset for DefaultAzureCredential).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
