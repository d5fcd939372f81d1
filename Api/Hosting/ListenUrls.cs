using System.Net;
using System.Net.Sockets;

namespace SampleMind.Api;

/// <summary>
/// The addresses the API listens on (<c>Urls</c>): checked before Kestrel reads them, and a failure to listen said as
/// a line naming the setting, where Kestrel's "Specified argument was out of the range of valid values (Parameter 'port')"
/// or an aborting <see cref="SocketException"/> did not.
/// </summary>
internal static class ListenUrls
{
    /// <summary>The setting, as the operator writes it.</summary>
    public const string Setting = "Urls";

    /// <summary>Throws <see cref="InvalidOperationException"/> naming <see cref="Setting"/> for an address that is not one or whose port is out of range.</summary>
    public static void Check(string? urls)
    {
        foreach (var url in (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            BindingAddress address;
            try
            {
                address = BindingAddress.Parse(url);
            }
            catch (FormatException e)
            {
                throw new InvalidOperationException($"{Setting}: '{url}' is not an address to listen on ({e.Message}).", e);
            }

            if (address.IsUnixPipe || address.IsNamedPipe)
            {
                continue;
            }

            if (address.Port is < IPEndPoint.MinPort or > IPEndPoint.MaxPort)
            {
                throw new InvalidOperationException(
                    $"{Setting}: '{url}' has port {address.Port}: a port is {IPEndPoint.MinPort} to {IPEndPoint.MaxPort}.");
            }

            if (!IsListenHost(address.Host))
            {
                // Kestrel listens on every interface for a host that is not an IP address or localhost: a mistyped
                // port ("127.0.0.1:5080x" is read as host "127.0.0.1:5080x", port 80) or a host name opened the API to
                // the network without a word.
                throw new InvalidOperationException(
                    $"{Setting}: '{url}' names the host '{address.Host}', which is not an IP address or localhost (a port " +
                    "is digits only): give an address of this machine, localhost, or 0.0.0.0, [::] or * for every interface.");
            }
        }
    }

    /// <summary>The hosts Kestrel listens on as given: an IP address, localhost, or the wildcards * and + (every interface).</summary>
    private static bool IsListenHost(string host) =>
        host is "*" or "+" || string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || IPAddress.TryParse(host.Trim('[', ']'), out _);

    /// <summary>Why the host could not listen on <paramref name="urls"/>, naming <see cref="Setting"/>.</summary>
    public static string CannotListen(SocketException error, string? urls) =>
        $"cannot listen on {urls} ({Setting}): {error.Message}. Set {Setting} to an address of this machine " +
        "(0.0.0.0 for every one of its addresses).";
}
