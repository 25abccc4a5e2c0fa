using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;

namespace Gongkai.Functions.Tests.Operations;

/// <summary>
/// Publishes the app with eng/publish.sh as a deployment would and checks the package is the isolated worker laid out
/// as Flex Consumption reads it: functions.metadata, worker.config.json and host.json at the root beside the worker,
/// its extensions, and the same functions the build declares; zipped with the same entries.
/// </summary>
public sealed class PublishTests : IAsyncLifetime
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "gongkai-publish-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_published_package_is_the_worker_laid_out_for_flex_and_zipped()
    {
        await PublishAsync();
        var app = Path.Combine(_output, "app");
        foreach (var file in new[] { "functions.metadata", "worker.config.json", "host.json", "extensions.json", "gongkai.dll", "gongkai.runtimeconfig.json", "portals.json" })
        {
            Assert.True(File.Exists(Path.Combine(app, file)), $"{file} is missing from the package root");
        }
        Assert.True(Directory.Exists(Path.Combine(app, ".azurefunctions")), "the worker's extension assemblies (.azurefunctions) are missing");
        Assert.False(File.Exists(Path.Combine(app, "local.settings.json")), "local.settings.json must never be published");
        Assert.Equal(File.ReadAllText(Repository.PathOf("src/Gongkai.Functions/host.json")), File.ReadAllText(Path.Combine(app, "host.json")));

        using var worker = JsonDocument.Parse(File.ReadAllText(Path.Combine(app, "worker.config.json")));
        Assert.Equal("gongkai.dll", worker.RootElement.GetProperty("description").GetProperty("defaultWorkerPath").GetString());
        using var published = JsonDocument.Parse(File.ReadAllText(Path.Combine(app, "functions.metadata")));
        Assert.Equal(FunctionMetadata.Load().Keys.Order(StringComparer.Ordinal),
            published.RootElement.EnumerateArray().Select(f => f.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));
        // Framework-dependent for linux-x64: Flex's dotnet-isolated 10.0 brings the runtime.
        using var runtime = JsonDocument.Parse(File.ReadAllText(Path.Combine(app, "gongkai.runtimeconfig.json")));
        Assert.True(runtime.RootElement.GetProperty("runtimeOptions").TryGetProperty("frameworks", out _) || runtime.RootElement.GetProperty("runtimeOptions").TryGetProperty("framework", out _));

        using var zip = ZipFile.OpenRead(Path.Combine(_output, "gongkai.zip"));
        var entries = zip.Entries.Select(e => e.FullName.Replace('\\', '/')).ToHashSet(StringComparer.Ordinal);
        foreach (var file in new[] { "functions.metadata", "worker.config.json", "host.json", "gongkai.dll" })
        {
            Assert.Contains(file, entries);
        }
        Assert.Contains(entries, e => e.StartsWith(".azurefunctions/", StringComparison.Ordinal));
    }

    private async Task PublishAsync()
    {
        var start = new ProcessStartInfo("bash", [Repository.PathOf("eng/publish.sh"), _output])
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var publish = Process.Start(start)!;
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await publish.WaitForExitAsync(timeout.Token);
        Assert.True(publish.ExitCode == 0, $"eng/publish.sh failed ({publish.ExitCode}):\n{await stdout}\n{await stderr}");
    }
}
