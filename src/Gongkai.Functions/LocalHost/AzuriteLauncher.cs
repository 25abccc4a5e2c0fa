using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Gongkai.Functions.LocalHost;

/// <summary>
/// Starts Azurite for <c>UseDevelopmentStorage=true</c> when nothing listens on its ports (10000-10002), as Visual
/// Studio does for Functions projects: the repository's node_modules copy, stopped when disposed. Its data lives in a
/// folder (kept across restarts, so a stopped <c>gongkai serve</c> loses nothing) or, for runs that want a clean
/// store each time, in memory.
/// </summary>
public sealed class AzuriteLauncher : IAsyncDisposable
{
    public static readonly int[] DevelopmentPorts = [10000, 10001, 10002];

    private readonly Process? _process;

    private AzuriteLauncher(Process? process) => _process = process;

    /// <summary>True when this launcher started Azurite (false: one was already running).</summary>
    public bool Started => _process is not null;

    public static bool IsDevelopmentStorage(string? connectionString) =>
        connectionString is not null && connectionString.Replace(" ", "", StringComparison.Ordinal)
            .Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase);

    /// <param name="location">The folder Azurite keeps its data in; null keeps it in memory, gone when Azurite stops.</param>
    public static async Task<AzuriteLauncher> EnsureRunningAsync(TextWriter log, string? location, CancellationToken cancellationToken)
    {
        var listening = await Task.WhenAll(DevelopmentPorts.Select(p => IsListeningAsync(p, cancellationToken)));
        if (listening.All(l => l))
        {
            return new AzuriteLauncher(null);
        }
        if (listening.Any(l => l))
        {
            throw new InvalidOperationException("Some of Azurite's ports 10000-10002 are in use by something else; free them or set AzureWebJobsStorage to a running storage account.");
        }
        return await StartAsync(log, location, DevelopmentPorts, cancellationToken);
    }

    /// <summary>Starts Azurite on 127.0.0.1 at <paramref name="ports"/> (blob, queue, table) and waits until it listens.</summary>
    /// <param name="location">The folder Azurite keeps its data in; null keeps it in memory, gone when Azurite stops.</param>
    public static async Task<AzuriteLauncher> StartAsync(TextWriter log, string? location, IReadOnlyList<int> ports, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(ports.Count, 3);
        var script = FindScript() ?? throw new InvalidOperationException(
            "UseDevelopmentStorage=true needs Azurite: run `npm ci` in the repository (it installs node_modules/azurite), or start Azurite yourself.");
        var start = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        string Port(int index) => ports[index].ToString(CultureInfo.InvariantCulture);
        foreach (var argument in new[] { script, "--silent", "--skipApiVersionCheck", "--disableProductStyleUrl", "--disableTelemetry",
                     "--blobHost", "127.0.0.1", "--blobPort", Port(0), "--queueHost", "127.0.0.1", "--queuePort", Port(1), "--tableHost", "127.0.0.1", "--tablePort", Port(2) })
        {
            start.ArgumentList.Add(argument);
        }
        if (location is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(location);
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(location);
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("Node.js 20+ (node) is required to run Azurite, the storage emulator.", e);
        }
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var launcher = new AzuriteLauncher(process);
        var deadline = Stopwatch.StartNew();
        while (!(await Task.WhenAll(ports.Select(p => IsListeningAsync(p, cancellationToken)))).All(l => l))
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                await launcher.DisposeAsync();
                throw new InvalidOperationException($"Azurite did not start listening on {string.Join(", ", ports)} within 30 s.");
            }
            await Task.Delay(100, cancellationToken);
        }
        await log.WriteLineAsync($"Started Azurite ({(location is null ? "in memory" : "data in " + location)}) on 127.0.0.1:{string.Join(", ", ports)}, pid {process.Id}.");
        return launcher;
    }

    /// <summary>
    /// Asks Azurite to shut down (SIGTERM), which writes out what it holds in memory, then kills it if it has not exited
    /// within 10 s. A kill alone would lose the last seconds of writes: Azurite saves its data every 5 s.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            if (!OperatingSystem.IsWindows() && Terminate(_process.Id, SignalTerminate) == 0)
            {
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await _process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    // It did not stop in time: killed below.
                }
            }
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process?.Dispose();
    }

    private const int SignalTerminate = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Terminate(int pid, int signal);

    /// <summary>node_modules/azurite above the working directory or the executable (the repository's copy).</summary>
    private static string? FindScript()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var script = Path.Combine(directory.FullName, "node_modules", "azurite", "dist", "src", "azurite.js");
                if (File.Exists(script))
                {
                    return script;
                }
            }
        }
        return null;
    }

    private static async Task<bool> IsListeningAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMilliseconds(500));
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
