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

            if (!address.IsUnixPipe && !address.IsNamedPipe && address.Port is < IPEndPoint.MinPort or > IPEndPoint.MaxPort)
            {
                throw new InvalidOperationException(
                    $"{Setting}: '{url}' has port {address.Port}: a port is {IPEndPoint.MinPort} to {IPEndPoint.MaxPort}.");
            }
        }
    }

    /// <summary>Why the host could not listen on <paramref name="urls"/>, naming <see cref="Setting"/>.</summary>
    public static string CannotListen(SocketException error, string? urls) =>
        $"cannot listen on {urls} ({Setting}): {error.Message}. Set {Setting} to an address of this machine " +
        "(0.0.0.0 for every one of its addresses).";
}
