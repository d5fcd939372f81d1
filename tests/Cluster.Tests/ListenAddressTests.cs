using System.Net;
using System.Net.Sockets;
using SampleMind.Cluster.Tests.Support;
using SampleMind.Runtime.Cluster;

namespace SampleMind.Cluster.Tests;

public sealed class ListenAddressTests
{
    [Fact]
    public async Task The_silo_endpoint_listens_on_its_advertised_address_only()
    {
        await using var cluster = await TestCluster.CreateAsync();
        cluster.ConfigureCluster = o => o.AdvertisedAddress = o.AdvertisedAddress.Replace("127.0.0.1", "127.0.0.2", StringComparison.Ordinal);
        var silo = await cluster.StartSiloAsync("listen");
        var port = new Uri(silo.Cluster.Address).Port;
        using (var advertised = new TcpClient())
        {
            await advertised.ConnectAsync(IPAddress.Parse("127.0.0.2"), port);
        }

        using var other = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => other.ConnectAsync(IPAddress.Loopback, port));
    }

    [Theory]
    [InlineData("http://127.0.0.1:7000", null, "127.0.0.1")]
    [InlineData("http://10.1.2.3:7000", null, "10.1.2.3")]
    [InlineData("http://[::1]:7000", null, "::1")]
    [InlineData("http://localhost:7000", null, "127.0.0.1")]
    [InlineData("http://silo-1.example:7000", "0.0.0.0", "0.0.0.0")]
    public async Task The_listen_address_is_the_advertised_host_unless_configured(string advertised, string? listen, string expected)
    {
        var options = new ClusterOptions { AdvertisedAddress = advertised, ListenAddress = listen };
        var addresses = await ClusterSilo.ListenAddressesAsync(options, new Uri(advertised));
        Assert.Equal([IPAddress.Parse(expected)], addresses);
    }
}
