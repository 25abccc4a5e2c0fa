using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gongkai.Storage.Tests;

/// <summary>
/// A loopback HTTP/1.1 server that answers each request with the next scripted reply: a status (with a storage
/// error body), or an abrupt connection reset. It records what it received.
/// </summary>
internal sealed class ScriptedHttpServer : IAsyncDisposable
{
    /// <summary>Reply value meaning "reset the connection instead of answering".</summary>
    public const int Reset = -1;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentQueue<int> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ScriptedHttpServer(params int[] replies)
    {
        _script = new ConcurrentQueue<int>(replies);
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public ConcurrentQueue<string> Requests { get; } = new();

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={StorageConnectionString.DevelopmentAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping.
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        using var stream = new NetworkStream(socket, ownsSocket: false);
        while (true)
        {
            var head = await ReadHeadAsync(stream);
            if (head is null)
            {
                return;
            }

            Requests.Enqueue(head);
            var reply = _script.TryDequeue(out var next) ? next : 500;
            if (reply == Reset)
            {
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
                return;
            }

            var body = reply >= 400
                ? $"<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>Scripted{reply}</Code><Message>scripted failure</Message></Error>"
                : string.Empty;
            var bytes = Encoding.UTF8.GetBytes(body);
            var response = $"HTTP/1.1 {reply} Scripted\r\nContent-Length: {bytes.Length}\r\nContent-Type: application/xml\r\n" +
                           $"x-ms-request-id: req-{Requests.Count}\r\n" +
                           (reply >= 400 ? $"x-ms-error-code: Scripted{reply}\r\n" : string.Empty) +
                           "ETag: \"0x1\"\r\nLast-Modified: Sat, 21 Nov 2026 22:00:00 GMT\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(response));
            await stream.WriteAsync(bytes);
        }
    }

    private static async Task<string?> ReadHeadAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one) == 0)
            {
                return null;
            }

            buffer.Add(one[0]);
            if (buffer.Count >= 4 && buffer[^4] == '\r' && buffer[^3] == '\n' && buffer[^2] == '\r' && buffer[^1] == '\n')
            {
                break;
            }
        }

        var head = Encoding.ASCII.GetString(buffer.ToArray());
        var length = head.Split("\r\n")
            .Where(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(line => int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        var body = new byte[length];
        await stream.ReadExactlyAsync(body);
        return head;
    }
}
