using System.Net;
using System.Net.Sockets;

namespace SampleMind.TestSupport;

/// <summary>What tests and benches need to start the repository's hosts as processes.</summary>
public static class BuiltHosts
{
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

    /// <summary>A TCP port on 127.0.0.1 that was free a moment ago.</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
