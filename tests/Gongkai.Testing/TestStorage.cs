namespace Gongkai.Testing;

/// <summary>
/// The storage account of this test run: the Azurite named by GONGKAI_TEST_STORAGE (test.sh starts one and sets it),
/// or else an Azurite this process starts on first use and stops when it exits.
/// </summary>
public static class TestStorage
{
    public const string ConnectionStringVariable = "GONGKAI_TEST_STORAGE";

    private static readonly Lazy<string> LazyConnectionString = new(ResolveConnectionString, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<StorageClients> LazyClients = new(() => StorageClients.For(ConnectionString), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The connection string of the run's Azurite (starting it if needed).</summary>
    public static string ConnectionString => LazyConnectionString.Value;

    /// <summary>The SDK clients of the run's Azurite.</summary>
    public static StorageClients Clients => LazyClients.Value;

    /// <summary>
    /// A name unique to this call that is valid for a container, a queue and a table alike: lower-case letters and
    /// digits, starting with a letter, at most 63 characters. Tests run in parallel and share one Azurite.
    /// </summary>
    public static string UniqueName(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var clean = new string(prefix.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
        if (clean.Length == 0 || !char.IsAsciiLetter(clean[0]))
        {
            clean = "t" + clean;
        }

        if (clean.Length > 40)
        {
            clean = clean[..40];
        }

        return clean + Guid.NewGuid().ToString("N")[..16];
    }

    private static string ResolveConnectionString()
    {
        var configured = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var server = AzuriteServer.StartAsync().GetAwaiter().GetResult();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server.ConnectionString;
    }
}
