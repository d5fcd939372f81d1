using SampleMind.Grains.Webhooks;

namespace SampleMind.Api.Tests.Webhooks;

public sealed class WebhookUrlPolicyTests
{
    [Theory]
    [InlineData("https://hooks.example.com/samplemind")]
    [InlineData("http://127.0.0.1:8080/hook?token=abc")]
    public void Http_and_https_urls_pass_when_no_hosts_are_configured_and_private_networks_are_allowed(string url) =>
        Assert.Null(WebhookUrlPolicy.Check(url, [], allowPrivateNetworks: true));

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://example.com/")]
    [InlineData("https://me:secret@example.com/hook")]
    [InlineData("https://me@example.com/hook")]
    [InlineData("example.com/hook")]
    [InlineData(" https://hooks.example.com/hook")]
    [InlineData("https://hooks.example.com/sp ace")]
    [InlineData("https://hooks.example.com/hook\r\nX-Evil: 1")]
    [InlineData("https://hooks.example.com/hook\t")]
    [InlineData("http://example.com:0/hook")]
    [InlineData("https://example.com:00/hook")]
    public void Other_schemes_credentials_relative_urls_spaces_and_port_0_are_refused(string url) =>
        Assert.NotNull(WebhookUrlPolicy.Check(url, [], allowPrivateNetworks: true));

    [Theory]
    [InlineData("http://example.com:65536/hook")]
    [InlineData("https://example.com:99999")]
    [InlineData("http://[::1]:1000000/hook")]
    [InlineData("http://example.com:0/hook")]
    public void A_port_out_of_range_is_refused_saying_so(string url) =>
        // Before, a port past 65535 was "must be an absolute http or https URL ...", as for a URL that is not one.
        Assert.Equal("The webhook URL's port must be between 1 and 65535.", WebhookUrlPolicy.Check(url, [], allowPrivateNetworks: true));

    [Fact]
    public void A_port_of_65535_passes() =>
        Assert.Null(WebhookUrlPolicy.Check("http://example.com:65535/hook", [], allowPrivateNetworks: true));

    [Fact]
    public void Allowed_hosts_match_exactly_or_by_subdomain_wildcard()
    {
        string[] allowed = ["hooks.example.com", "*.studio.test"];

        Assert.Null(WebhookUrlPolicy.Check("https://HOOKS.example.com/x", allowed, allowPrivateNetworks: true));
        Assert.Null(WebhookUrlPolicy.Check("https://a.b.studio.test/x", allowed, allowPrivateNetworks: true));
        Assert.NotNull(WebhookUrlPolicy.Check("https://studio.test/x", allowed, allowPrivateNetworks: true));
        Assert.NotNull(WebhookUrlPolicy.Check("https://evilstudio.test/x", allowed, allowPrivateNetworks: true));
        Assert.NotNull(WebhookUrlPolicy.Check("http://127.0.0.1/x", allowed, allowPrivateNetworks: true));
        Assert.NotNull(WebhookUrlPolicy.Check("https://hooks.example.com.evil.net/x", allowed, allowPrivateNetworks: true));
    }

    [Fact]
    public void Too_long_urls_are_refused() =>
        Assert.NotNull(WebhookUrlPolicy.Check("https://example.com/" + new string('a', WebhookUrlPolicy.MaxLength), [], allowPrivateNetworks: true));

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://api.localhost/hook")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://172.20.0.1/hook")]
    [InlineData("http://192.168.1.10/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://100.64.0.1/hook")]
    [InlineData("http://0.0.0.0/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[fd00::1]/hook")]
    [InlineData("http://[fe80::1]/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    public void Private_loopback_and_link_local_literals_are_refused_by_default(string url)
    {
        var refused = WebhookUrlPolicy.Check(url, new WebhookOptions());

        Assert.NotNull(refused);
        Assert.Contains("Webhooks:AllowPrivateNetworks", refused, StringComparison.Ordinal);
        Assert.Null(WebhookUrlPolicy.Check(url, new WebhookOptions { AllowPrivateNetworks = true }));
    }

    [Theory]
    [InlineData("https://hooks.example.com/x")]
    [InlineData("http://8.8.8.8/x")]
    [InlineData("http://172.32.0.1/x")]
    [InlineData("http://192.169.0.1/x")]
    [InlineData("http://[2606:4700::1111]/x")]
    public void Public_hosts_pass_by_default(string url) =>
        Assert.Null(WebhookUrlPolicy.Check(url, new WebhookOptions()));

    [Theory]
    [InlineData("127.0.0.53", true)]
    [InlineData("10.0.0.1", true)]
    [InlineData("172.15.255.255", false)]
    [InlineData("172.16.0.0", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("100.63.255.255", false)]
    [InlineData("100.127.0.1", true)]
    [InlineData("169.254.0.1", true)]
    [InlineData("93.184.216.34", false)]
    [InlineData("::", true)]
    [InlineData("fc00::5", true)]
    [InlineData("fe80::abcd", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("::ffff:93.184.216.34", false)]
    [InlineData("2606:4700::1111", false)]
    [InlineData("::127.0.0.1", true)]
    [InlineData("::93.184.216.34", false)]
    [InlineData("64:ff9b::7f00:1", true)]
    [InlineData("64:ff9b::5db8:d822", false)]
    [InlineData("2002:a00:1::1", true)]
    [InlineData("2002:5db8:d822::1", false)]
    [InlineData("224.0.0.1", true)]
    [InlineData("255.255.255.255", true)]
    [InlineData("ff02::1", true)]
    [InlineData("192.0.2.2", true)]
    [InlineData("192.0.0.8", true)]
    [InlineData("192.0.3.1", false)]
    [InlineData("198.18.0.1", true)]
    [InlineData("198.19.255.1", true)]
    [InlineData("198.20.0.1", false)]
    [InlineData("198.51.100.7", true)]
    [InlineData("203.0.113.9", true)]
    [InlineData("2001:db8::1", true)]
    public void Address_ranges_are_classified(string address, bool isPrivate) =>
        Assert.Equal(isPrivate, PrivateNetworks.Contains(System.Net.IPAddress.Parse(address)));

    [Fact]
    public void Every_address_of_this_machine_is_refused_whatever_its_range()
    {
        // Before, a webhook to the host's own interface address (192.0.2.2 on the probe's machine) was delivered.
        var own = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses).Select(u => u.Address).ToList();
        Assert.NotEmpty(own);
        foreach (var address in own.Where(a => !a.IsIPv6LinkLocal))
        {
            var host = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
            Assert.True(PrivateNetworks.IsThisMachine(address), address.ToString());
            Assert.NotNull(WebhookUrlPolicy.Check($"http://{host}:5753/hook", new WebhookOptions()));
        }

        Assert.False(PrivateNetworks.IsThisMachine(System.Net.IPAddress.Parse("93.184.216.34")));
    }
}
