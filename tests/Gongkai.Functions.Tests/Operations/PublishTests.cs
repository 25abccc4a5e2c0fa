using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Gongkai.Testing;

namespace Gongkai.Functions.Tests.Operations;

/// <summary>
/// Publishes the app with eng/publish.sh as a deployment would, checks the package is laid out as the Functions host
/// reads it, then starts the published executable the way the host does (FUNCTIONS_CUSTOMHANDLER_PORT, the app
/// folder as working directory) and replays invocations the host would send.
/// </summary>
public sealed class PublishTests : IAsyncLifetime
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(60);
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
    public async Task The_published_package_is_laid_out_for_the_host_and_its_executable_answers_invocations()
    {
        await PublishAsync();
        AssertLayout();
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
        {
            // The package is for the Function App's platform (linux-x64); elsewhere only its layout can be checked.
            return;
        }

        // The app uses its fixed container, queue and table names: it gets an emulator of its own.
        await using var azurite = await AzuriteServer.StartAsync();
        var app = Path.Combine(_output, "app");
        var port = FreePort();
        using var handler = Start(app, port, azurite.ConnectionString);
        try
        {
            await AnswersInvocationsAsync(handler, port);
        }
        finally
        {
            handler.Kill(entireProcessTree: true);
            await handler.WaitForExitAsync();
        }
    }

    private static async Task AnswersInvocationsAsync(Process handler, int port)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        await WaitUntilListeningAsync(http, handler);

        using var health = await http.GetAsync(new Uri("/api/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        // A timer invocation exactly as the host posts it; the handler answers with the invocation response shape.
        var timer = new
        {
            Data = new { timer = new { Schedule = new { AdjustForDST = true }, ScheduleStatus = (object?)null, IsPastDue = false } },
            Metadata = new { sys = new { MethodName = "ScheduleHarvest", UtcNow = DateTimeOffset.UtcNow.ToString("O"), RandGuid = Guid.NewGuid().ToString() } },
        };
        using var invoked = await http.PostAsJsonAsync(new Uri("/ScheduleHarvest", UriKind.Relative), timer);
        var body = await invoked.Content.ReadAsStringAsync();
        Assert.True(invoked.IsSuccessStatusCode, $"ScheduleHarvest answered {(int)invoked.StatusCode}: {body}");
        using var response = JsonDocument.Parse(body);
        Assert.True(response.RootElement.TryGetProperty("Outputs", out _) || response.RootElement.TryGetProperty("Logs", out _),
            $"not an invocation response: {body}");
    }

    private async Task PublishAsync()
    {
        var start = new ProcessStartInfo("bash", [Repository.PathOf("eng/publish.sh"), _output])
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The libraries are RID-agnostic and already built: only the executable is compiled again, for linux-x64,
        // into its own RID-specific output folders.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var publish = Process.Start(start)!;
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await publish.WaitForExitAsync(timeout.Token);
        Assert.True(publish.ExitCode == 0, $"eng/publish.sh failed ({publish.ExitCode}):\n{await stdout}\n{await stderr}");
    }

    private void AssertLayout()
    {
        var app = Path.Combine(_output, "app");
        Assert.True(File.Exists(Path.Combine(app, "host.json")));
        Assert.True(File.Exists(Path.Combine(app, "portals.json")));
        Assert.False(Directory.Exists(Path.Combine(app, "FunctionApp")), "function definitions must sit at the root, not under FunctionApp/");
        foreach (var definition in FunctionDefinitions.Files())
        {
            var name = FunctionDefinitions.FunctionName(definition);
            var published = Path.Combine(app, name, "function.json");
            Assert.True(File.Exists(published), $"{name}/function.json is missing from the package");
            Assert.Equal(File.ReadAllText(definition), File.ReadAllText(published));
        }
        Assert.Equal(File.ReadAllText(Repository.PathOf("host.json")), File.ReadAllText(Path.Combine(app, "host.json")));

        // Self-contained: the runtime travels with the app.
        Assert.True(File.Exists(Path.Combine(app, "System.Private.CoreLib.dll")));
        Assert.True(File.Exists(Path.Combine(app, "Microsoft.AspNetCore.dll")));
        var executable = Path.Combine(app, "gongkai");
        Assert.True(File.Exists(executable));
        if (!OperatingSystem.IsWindows())
        {
            Assert.True((File.GetUnixFileMode(executable) & UnixFileMode.UserExecute) != 0, "gongkai is not executable");
        }

        using var zip = ZipFile.OpenRead(Path.Combine(_output, "gongkai.zip"));
        var entries = zip.Entries.ToDictionary(e => e.FullName.Replace('\\', '/'), StringComparer.Ordinal);
        Assert.Contains("host.json", entries.Keys);
        Assert.Contains("portals.json", entries.Keys);
        foreach (var definition in FunctionDefinitions.Files())
        {
            Assert.Contains(FunctionDefinitions.FunctionName(definition) + "/function.json", entries.Keys);
        }
        // Unix mode bits live in the high half of the external attributes; the host runs gongkai directly.
        var mode = (entries["gongkai"].ExternalAttributes >> 16) & 0b001_001_001;
        Assert.True(mode != 0, "gongkai lost its executable bit in the zip");
    }

    private static Process Start(string app, int port, string storageConnectionString)
    {
        var start = new ProcessStartInfo(Path.Combine(app, "gongkai"), ["serve"])
        {
            WorkingDirectory = app,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "custom";
        start.Environment["AzureWebJobsStorage"] = storageConnectionString;
        start.Environment["HarvestSchedule"] = "0 0 18 * * *";
        start.Environment["Gongkai__Harvest__ContactUrl"] = "https://example.org/gongkai-tests";
        start.Environment["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "";
        var process = Process.Start(start)!;
        // Drained so a chatty handler never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilListeningAsync(HttpClient http, Process handler)
    {
        var deadline = DateTime.UtcNow + StartupLimit;
        while (true)
        {
            Assert.False(handler.HasExited, $"gongkai serve exited with {(handler.HasExited ? handler.ExitCode : 0)} before listening");
            try
            {
                using var response = await http.GetAsync(new Uri("/api/health", UriKind.Relative));
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
