namespace Gongkai.Storage;

/// <summary>
/// A parsed storage connection string: <c>UseDevelopmentStorage=true</c>, account name and key with a protocol and
/// endpoint suffix, or explicit <c>BlobEndpoint</c>/<c>QueueEndpoint</c>/<c>TableEndpoint</c> (Azurite's path-style
/// <c>http://127.0.0.1:10000/devstoreaccount1</c> included).
/// </summary>
public sealed record StorageConnectionString(string AccountName, string AccountKey, Uri BlobEndpoint, Uri QueueEndpoint, Uri TableEndpoint)
{
    /// <summary>Azurite's well-known development account (the same name and key on every machine; not a secret).</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>The published key of <see cref="DevelopmentAccountName"/>.</summary>
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static StorageConnectionString Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0)
            {
                throw new FormatException($"The storage connection string has a setting without a name or '=': '{Redact(part)}'.");
            }

            settings[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }

        if (settings.TryGetValue("UseDevelopmentStorage", out var development) && bool.TryParse(development, out var useDevelopment) && useDevelopment)
        {
            var proxy = settings.TryGetValue("DevelopmentStorageProxyUri", out var proxyUri) ? new Uri(proxyUri) : new Uri("http://127.0.0.1");
            return new StorageConnectionString(
                DevelopmentAccountName,
                DevelopmentAccountKey,
                DevelopmentEndpoint(proxy, 10000),
                DevelopmentEndpoint(proxy, 10001),
                DevelopmentEndpoint(proxy, 10002));
        }

        if (settings.ContainsKey("SharedAccessSignature"))
        {
            throw new FormatException("Storage connection strings with a SharedAccessSignature are not supported: use an account key or an identity-based connection.");
        }

        if (!settings.TryGetValue("AccountName", out var accountName) || accountName.Length == 0)
        {
            throw new FormatException("The storage connection string has no AccountName (and is not UseDevelopmentStorage=true).");
        }

        if (!settings.TryGetValue("AccountKey", out var accountKey) || accountKey.Length == 0)
        {
            throw new FormatException($"The storage connection string for account '{accountName}' has no AccountKey.");
        }

        var protocol = settings.TryGetValue("DefaultEndpointsProtocol", out var p) ? p.ToLowerInvariant() : "https";
        if (protocol is not ("http" or "https"))
        {
            throw new FormatException($"DefaultEndpointsProtocol must be http or https, not '{protocol}'.");
        }

        var suffix = settings.TryGetValue("EndpointSuffix", out var s) ? s : "core.windows.net";
        return new StorageConnectionString(
            accountName,
            accountKey,
            Endpoint(settings, "BlobEndpoint", protocol, accountName, "blob", suffix),
            Endpoint(settings, "QueueEndpoint", protocol, accountName, "queue", suffix),
            Endpoint(settings, "TableEndpoint", protocol, accountName, "table", suffix));
    }

    // The key must never reach a log or an exception message.
    public override string ToString() =>
        $"AccountName={AccountName};BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint}";

    private static Uri Endpoint(Dictionary<string, string> settings, string name, string protocol, string account, string service, string suffix)
    {
        if (settings.TryGetValue(name, out var explicitEndpoint) && explicitEndpoint.Length > 0)
        {
            if (!Uri.TryCreate(explicitEndpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new FormatException($"{name} in the storage connection string is not an absolute http(s) URL: '{explicitEndpoint}'.");
            }

            return uri;
        }

        return new Uri($"{protocol}://{account}.{service}.{suffix}");
    }

    private static Uri DevelopmentEndpoint(Uri proxy, int port) =>
        new UriBuilder(proxy) { Port = port, Path = "/" + DevelopmentAccountName }.Uri;

    private static string Redact(string part) =>
        part.StartsWith("AccountKey", StringComparison.OrdinalIgnoreCase) ? "AccountKey…" : part;
}
