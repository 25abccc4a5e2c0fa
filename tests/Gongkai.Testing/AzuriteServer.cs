using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Gongkai.Testing;

/// <summary>
/// An Azurite started from the repository's node_modules: in memory, on free loopback ports, killed on dispose.
/// Used by <see cref="TestStorage"/> when no GONGKAI_TEST_STORAGE is given, and by the benchmarks.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable, IDisposable
{
    /// <summary>Azurite's one account and its published key.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;

    private const string WatchdogScript =
        "process.stdin.on('end', () => process.exit(0)); process.stdin.on('error', () => process.exit(0)); process.stdin.resume();" +
        "require(process.argv[1]);"; // with -e, argv is [node, azurite.js, options…], just as when node runs azurite.js

    private AzuriteServer(Process process, string connectionString)
    {
        _process = process;
        ConnectionString = connectionString;
    }

    /// <summary>A Shared Key connection string with Azurite's path-style endpoints.</summary>
    public string ConnectionString { get; }

    /// <summary>CPU time Azurite has used so far: what a benchmark on a shared machine can compare when wall time is noisy.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<AzuriteServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var root = RepositoryRoot.Find();
        var script = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed under {Path.Combine(root, "node_modules")}: run ./test.sh (it runs npm ci) or `npm ci` first.");
        }

        var (blob, queue, table) = (FreePort(), FreePort(), FreePort());
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        // Azurite runs inside a node that exits when its stdin closes, i.e. when this process ends, even if it is
        // killed without running Dispose: no emulator outlives its test run or benchmark.
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add(WatchdogScript);
        foreach (var argument in new[]
                 {
                     script, "--silent", "--skipApiVersionCheck", "--inMemoryPersistence", "--disableProductStyleUrl", "--disableTelemetry",
                     "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--tableHost", "127.0.0.1", "--tablePort", table.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("Node.js 20+ (node) is required to run Azurite for the storage tests.", e);
        }

        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var connectionString =
            $"DefaultEndpointsProtocol=http;AccountName={DevelopmentAccountName};AccountKey={DevelopmentAccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blob}/{DevelopmentAccountName};" +
            $"QueueEndpoint=http://127.0.0.1:{queue}/{DevelopmentAccountName};" +
            $"TableEndpoint=http://127.0.0.1:{table}/{DevelopmentAccountName};";
        var server = new AzuriteServer(process, connectionString);
        // Generous: on a loaded two-core machine node can take tens of seconds to start.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (!await AllListeningAsync([blob, queue, table], cancellationToken).ConfigureAwait(false))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                // Read before Dispose: a disposed Process can no longer say whether or how it exited.
                var exit = process.HasExited ? process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "still running after 120 s";
                server.Dispose();
                string log;
                lock (output)
                {
                    log = output.ToString();
                }

                throw new InvalidOperationException($"Azurite did not start (exit: {exit}). Its output:\n{log}");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        return server;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> AllListeningAsync(int[] ports, CancellationToken cancellationToken)
    {
        foreach (var port in ports)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                return false;
            }
        }

        return true;
    }
}
