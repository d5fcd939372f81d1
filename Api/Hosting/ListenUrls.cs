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

    /// <summary>
    /// Throws <see cref="InvalidOperationException"/> naming <see cref="Setting"/> for a value set but naming no address,
    /// an address that is not one or whose port is out of range, and two addresses that take the same port of one address.
    /// Unset (null), Kestrel's default stands.
    /// </summary>
    public static void Check(string? urls)
    {
        if (urls is null)
        {
            return;
        }

        var entries = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Length == 0)
        {
            // An empty variable (Urls=) overrides appsettings.json's address, and Kestrel took it as unset: localhost:5000.
            throw new InvalidOperationException(
                $"{Setting} is set but names no address ('{urls}'): give one or more, separated by ';' (e.g. http://127.0.0.1:5080), " +
                "or unset it for the one in appsettings.json.");
        }

        var taken = new List<(string Url, ListenEndPoint EndPoint)>();
        foreach (var url in entries)
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

            var endPoint = ListenEndPoint.Of(address);
            if (taken.Find(t => t.EndPoint.Overlaps(endPoint)) is { Url: { } other })
            {
                // Kestrel would bind the first and fail on the second as "address already in use", which reads as another process.
                throw new InvalidOperationException(
                    $"{Setting}: '{other}' and '{url}' both take port {address.Port} of the same address (localhost is 127.0.0.1 " +
                    "and [::1]; 0.0.0.0 is every IPv4 address; [::], * and + every address): give each address and port once.");
            }

            taken.Add((url, endPoint));
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
