using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace SampleMind.Grains.Webhooks;

/// <summary>
/// Addresses a webhook must not reach unless <see cref="WebhookOptions.AllowPrivateNetworks"/> is set:
/// loopback, unspecified, private (RFC 1918, IPv6 unique-local), link-local (cloud metadata services
/// live there), shared address space (RFC 6598), "this network" (0.0.0.0/8), multicast and the reserved 240/4 (with
/// the broadcast address), the special-purpose 192.0.0.0/24, the documentation ranges (192.0.2.0/24, 198.51.100.0/24,
/// 203.0.113.0/24, 2001:db8::/32) and the benchmarking 198.18.0.0/15 (none is a public host), IPv6 addresses that carry
/// one of those IPv4 addresses (IPv4-compatible, NAT64, 6to4), and this machine's own addresses.
/// </summary>
public static class PrivateNetworks
{
    /// <summary>Whether <paramref name="address"/> lies in a private, loopback or link-local range.</summary>
    public static bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            if (EmbeddedIPv4(bytes) is { } embedded)
            {
                return ContainsIPv4(embedded);
            }

            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (bytes[0] & 0xFE) == 0xFC
                || (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0D && bytes[3] == 0xB8);
        }

        Span<byte> b = stackalloc byte[4];
        address.TryWriteBytes(b, out _);
        return ContainsIPv4(b);
    }

    /// <summary>
    /// The IPv4 address an IPv6 address carries and reaches: IPv4-compatible (<c>::a.b.c.d</c>), NAT64
    /// (<c>64:ff9b::/96</c>) and 6to4 (<c>2002:AABB:CCDD::/48</c>); null for any other.
    /// </summary>
    private static byte[]? EmbeddedIPv4(byte[] v6)
    {
        if (v6.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
        {
            return v6[12..16];
        }

        if (v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xFF && v6[3] == 0x9B && v6.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            return v6[12..16];
        }

        return v6[0] == 0x20 && v6[1] == 0x02 ? v6[2..6] : null;
    }

    private static bool ContainsIPv4(ReadOnlySpan<byte> b) =>
        b[0] is 0 or 10 or 127 or >= 224
        || (b[0] == 172 && b[1] is >= 16 and <= 31)
        || (b[0] == 192 && b[1] == 168)
        || (b[0] == 169 && b[1] == 254)
        || (b[0] == 100 && b[1] is >= 64 and <= 127)
        || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2)
        || (b[0] == 198 && b[1] is 18 or 19)
        || (b[0] == 198 && b[1] == 51 && b[2] == 100)
        || (b[0] == 203 && b[1] == 0 && b[2] == 113);

    /// <summary>Whether a webhook may not reach <paramref name="address"/>: a range <see cref="Contains"/> names, or this machine's own.</summary>
    public static bool IsRefused(IPAddress address) => Contains(address) || IsThisMachine(address);

    /// <summary>
    /// Whether <paramref name="address"/> is one of this machine's own (an address of one of its network interfaces):
    /// a webhook aimed there reaches the server's own services whatever range the address is in.
    /// </summary>
    public static bool IsThisMachine(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Any(u => u.Address.Equals(address));
    }

    /// <summary>
    /// Whether a URL's host names a private address by itself (an address literal or <c>localhost</c>),
    /// so the URL can be refused before any name is resolved.
    /// </summary>
    public static bool IsLiteralPrivateHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var bare = host.Trim('[', ']').TrimEnd('.');
        if (bare.Equals("localhost", StringComparison.OrdinalIgnoreCase) || bare.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(bare, out var address) && IsRefused(address);
    }
}
