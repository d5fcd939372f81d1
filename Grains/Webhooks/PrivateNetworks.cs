using System.Net;
using System.Net.Sockets;

namespace SampleMind.Grains.Webhooks;

/// <summary>
/// Addresses a webhook must not reach unless <see cref="WebhookOptions.AllowPrivateNetworks"/> is set:
/// loopback, unspecified, private (RFC 1918, IPv6 unique-local), link-local (cloud metadata services
/// live there), shared address space (RFC 6598) and "this network" (0.0.0.0/8).
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
            var first = address.GetAddressBytes()[0];
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || (first & 0xFE) == 0xFC;
        }

        Span<byte> b = stackalloc byte[4];
        address.TryWriteBytes(b, out _);
        return b[0] is 0 or 10 or 127
            || (b[0] == 172 && b[1] is >= 16 and <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] is >= 64 and <= 127);
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

        return IPAddress.TryParse(bare, out var address) && Contains(address);
    }
}
