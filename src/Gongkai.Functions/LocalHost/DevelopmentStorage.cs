using Gongkai.Functions.Hosting;

namespace Gongkai.Functions.LocalHost;

/// <summary>The embedded default (D3): outside the Functions host, no storage setting means Azurite.</summary>
public static class DevelopmentStorage
{
    public const string SettingName = "AzureWebJobsStorage";
    public const string Value = "UseDevelopmentStorage=true";

    /// <summary>The storage setting as the app will see it: environment, then local.settings.json, then Azurite.</summary>
    public static string? Configured() =>
        Environment.GetEnvironmentVariable(SettingName)
        ?? (LocalSettings.Read(Directory.GetCurrentDirectory()).TryGetValue(SettingName, out var value) ? value : null)
        ?? (HasIdentitySettings() ? null : Value);

    /// <summary>Settings to add when nothing configures storage.</summary>
    public static IReadOnlyDictionary<string, string?> Defaults() =>
        Configured() == Value && Environment.GetEnvironmentVariable(SettingName) is null
            ? new Dictionary<string, string?> { [SettingName] = Value }
            : new Dictionary<string, string?>();

    public const string LocationSetting = "Gongkai__LocalHost__AzuriteLocation";

    /// <summary>
    /// Where an Azurite this process starts keeps its data: <see cref="LocationSetting"/> (environment, then
    /// local.settings.json), else <c>.azurite</c>, relative to the working directory, so <c>gongkai serve</c> and
    /// <c>gongkai reparse</c> see the same store.
    /// </summary>
    public static string Location()
    {
        var location = Environment.GetEnvironmentVariable(LocationSetting)
            ?? LocalSettings.Read(Directory.GetCurrentDirectory()).GetValueOrDefault(LocationSetting);
        return Path.GetFullPath(string.IsNullOrWhiteSpace(location) ? ".azurite" : location, Directory.GetCurrentDirectory());
    }

    /// <summary>Starts Azurite, its data kept in <see cref="Location"/>, when the app will use development storage and nothing listens on its ports.</summary>
    public static Task<IAsyncDisposable> EnsureAsync(TextWriter log, CancellationToken cancellationToken) => EnsureAsync(log, Location(), cancellationToken);

    /// <summary>As <see cref="EnsureAsync(TextWriter, CancellationToken)"/>, with the data in memory: a clean store each run (the demo).</summary>
    public static Task<IAsyncDisposable> EnsureInMemoryAsync(TextWriter log, CancellationToken cancellationToken) => EnsureAsync(log, null, cancellationToken);

    private static async Task<IAsyncDisposable> EnsureAsync(TextWriter log, string? location, CancellationToken cancellationToken) =>
        AzuriteLauncher.IsDevelopmentStorage(Configured())
            ? await AzuriteLauncher.EnsureRunningAsync(log, location, cancellationToken)
            : new NothingToStop();

    private static bool HasIdentitySettings() =>
        Environment.GetEnvironmentVariable(SettingName + "__blobServiceUri") is not null
        || Environment.GetEnvironmentVariable(SettingName + "__tableServiceUri") is not null;

    private sealed class NothingToStop : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
