using System.Net;
using System.Net.Sockets;

namespace Gongkai.Harvest.Fetching;

/// <summary>Which IP addresses a fetch may connect to: public ones always; private, loopback and link-local ones only when allowed.</summary>
public sealed class AddressPolicy
{
    private static readonly IPNetwork[] NonPublic =
    [
        IPNetwork.Parse("0.0.0.0/8"),
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("224.0.0.0/4"),
        IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("::/128"),
        IPNetwork.Parse("::1/128"),
        IPNetwork.Parse("fc00::/7"),
        IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("ff00::/8"),
    ];

    private readonly IReadOnlyList<IPNetwork> _allowedRanges;

    /// <summary>Creates a policy; <paramref name="allowedRanges"/> narrows the allowed private ranges when non-empty.</summary>
    public AddressPolicy(bool allowPrivateNetworks, IReadOnlyList<IPNetwork>? allowedRanges = null)
    {
        AllowPrivateNetworks = allowPrivateNetworks;
        _allowedRanges = allowedRanges ?? [];
    }

    /// <summary>Public addresses only.</summary>
    public static AddressPolicy PublicOnly { get; } = new(false);

    /// <summary>Whether some non-public addresses are allowed.</summary>
    public bool AllowPrivateNetworks { get; }

    /// <summary>Whether the address is private, loopback, link-local, multicast or otherwise not on the public internet.</summary>
    public static bool IsNonPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        foreach (var network in NonPublic)
        {
            if (network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a connection to <paramref name="address"/> is allowed.</summary>
    public bool Allows(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!IsNonPublic(address))
        {
            return true;
        }

        if (!AllowPrivateNetworks)
        {
            return false;
        }

        if (_allowedRanges.Count == 0)
        {
            return true;
        }

        var v = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return _allowedRanges.Any(r => r.BaseAddress.AddressFamily == v.AddressFamily && r.Contains(v));
    }

    /// <summary>Throws <see cref="AddressRefusedException"/> unless the address is allowed.</summary>
    public void Check(IPAddress address, string host)
    {
        if (!Allows(address))
        {
            throw new AddressRefusedException($"refused to connect to {host}: it resolves to the non-public address {address}, which the configuration does not allow");
        }
    }

    /// <summary>Whether the address family is one we can connect to.</summary>
    internal static bool IsUsable(IPAddress address) => address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6;
}

/// <summary>A connection refused because the address is private, loopback or link-local and the configuration does not allow it.</summary>
public sealed class AddressRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AddressRefusedException(string message) : base(message)
    {
    }
}
