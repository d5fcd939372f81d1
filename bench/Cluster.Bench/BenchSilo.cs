using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using SampleMind.Runtime.Cluster;
using SampleMind.Runtime.Hosting;

namespace SampleMind.Cluster.Bench;

/// <summary>One silo of the benchmark's cluster: its own host, Kestrel port and roles, on the shared schema.</summary>
internal static class BenchSilo
{
    public static async Task<IHost> StartAsync(string siloId, string role, string postgres, int port)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSampleMindSilo(o =>
        {
            o.SiloId = siloId;
            o.Roles = [role];
            o.DataDirectory = Path.Combine(Path.GetTempPath(), "samplemind-cluster-bench", siloId);
        });
        builder.Services.AddSampleMindCluster(configure: o =>
        {
            o.Mode = "cluster";
            o.Postgres = postgres;
            o.AdvertisedAddress = $"http://127.0.0.1:{port}";
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
