using System.Net;
using System.Net.Sockets;

namespace Gongkai.Harvest.Fetching;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> that resolves the host itself and checks every address before
/// connecting, so a DNS answer (or a rebinding) pointing inside the network is refused, not just a literal IP in a URL.
/// </summary>
internal static class GuardedConnector
{
    public static readonly HttpRequestOptionsKey<AddressPolicy> PolicyKey = new("Gongkai.AddressPolicy");

    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, AddressPolicy fallback, CancellationToken cancellationToken)
    {
        var policy = context.InitialRequestMessage.Options.TryGetValue(PolicyKey, out var p) ? p : fallback;
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);

        var usable = addresses.Where(AddressPolicy.IsUsable).ToArray();
        if (usable.Length == 0)
        {
            throw new HttpRequestException($"{host} has no IPv4 or IPv6 address");
        }

        // One refused answer refuses the host: a mixed answer is how DNS rebinding slips an internal address in.
        foreach (var address in usable)
        {
            policy.Check(address, host);
        }

        Exception? last = null;
        foreach (var address in usable)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                socket.Dispose();
                last = e;
                if (e is OperationCanceledException)
                {
                    throw;
                }
            }
        }

        throw new HttpRequestException($"could not connect to {host}:{context.DnsEndPoint.Port}", last);
    }
}
