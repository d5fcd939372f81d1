using System.Net;
using System.Net.Sockets;

namespace SampleMind.TestSupport;

/// <summary>What tests and benches need to start the repository's hosts as processes.</summary>
public static class BuiltHosts
{
    private const int FirstPort = 20000;
    private static readonly List<FileStream> Reservations = [];
    private static readonly Lock ReservationsGate = new();

    /// <summary>
    /// The built host <paramref name="dll"/> of <paramref name="project"/>:
    /// <c>&lt;project&gt;/bin/&lt;configuration&gt;/net10.0/</c>, the configuration the caller itself was built in.
    /// </summary>
    public static string Dll(string project, string dll)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var path = Path.Combine(RepoPaths.Root, project, "bin", configuration, "net10.0", dll);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {project} first: {path} is missing.", path);
    }

    /// <summary>
    /// A TCP port on 127.0.0.1 for a host process this process starts, reserved for the rest of this process.
    /// </summary>
    /// <remarks>
    /// A port the kernel handed out as ephemeral and that was free a moment ago can be taken before the host binds it:
    /// by an outgoing connection (those draw from the same ephemeral range) or by another test process doing the same.
    /// So the port is drawn from below the kernel's ephemeral range, and claimed across test processes with an exclusive
    /// lock on a file named after it (released when this process exits), which also keeps it for a restarted host.
    /// </remarks>
    public static int FreeLoopbackPort()
    {
        var lastPort = EphemeralLow() - 1;
        var directory = Path.Combine(Path.GetTempPath(), "samplemind-test-ports");
        Directory.CreateDirectory(directory);
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = Random.Shared.Next(FirstPort, lastPort + 1);
            FileStream claim;
            try
            {
                claim = new FileStream(Path.Combine(directory, port + ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                continue;
            }

            if (!CanListen(port))
            {
                claim.Dispose();
                continue;
            }

            lock (ReservationsGate)
            {
                Reservations.Add(claim);
            }

            return port;
        }

        throw new InvalidOperationException($"No free loopback port between {FirstPort} and {lastPort} after 1000 tries.");
    }

    private static bool CanListen(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The first port of the kernel's ephemeral range (Linux's /proc value; 32768 where it cannot be read or is too low).</summary>
    private static int EphemeralLow()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
            var low = int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture);
            return low > FirstPort + 1000 ? low : 32768;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32768;
        }
    }
}
