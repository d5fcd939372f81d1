using System.Net;
using System.Net.Sockets;

namespace SampleMind.Api;

/// <summary>
/// The sockets Kestrel opens for one address of <c>Urls</c>: a port of some IP addresses, or of every address of a family.
/// localhost is 127.0.0.1 and [::1]; 0.0.0.0 every IPv4 address; [::], * and + every address (Kestrel binds [::] dual-mode).
/// </summary>
internal sealed record ListenEndPoint(int Port, bool AnyIPv4, bool AnyIPv6, IReadOnlyList<IPAddress> Addresses)
{
    private static readonly IPAddress[] s_loopbacks = [IPAddress.Loopback, IPAddress.IPv6Loopback];

    /// <summary>What <paramref name="address"/> (an IP address, localhost or a wildcard, checked before) listens on.</summary>
    public static ListenEndPoint Of(BindingAddress address)
    {
        if (address.Host is "*" or "+")
        {
            return new(address.Port, true, true, []);
        }

        if (string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return new(address.Port, false, false, s_loopbacks);
        }

        var ip = IPAddress.Parse(address.Host.Trim('[', ']'));
        return ip.Equals(IPAddress.IPv6Any) ? new(address.Port, true, true, [])
            : ip.Equals(IPAddress.Any) ? new(address.Port, true, false, [])
            : new(address.Port, false, false, [ip]);
    }

    /// <summary>True when both would bind one socket address: the same port, not 0 (a port the system picks), of a shared address.</summary>
    public bool Overlaps(ListenEndPoint other) =>
        Port != 0 && Port == other.Port
        && (Covers(other) || other.Covers(this) || Addresses.Any(a => other.Addresses.Contains(a)));

    private bool Covers(ListenEndPoint other) =>
        (AnyIPv4 && (other.AnyIPv4 || other.Addresses.Any(a => a.AddressFamily == AddressFamily.InterNetwork)))
        || (AnyIPv6 && (other.AnyIPv6 || other.Addresses.Any(a => a.AddressFamily == AddressFamily.InterNetworkV6)));
}
