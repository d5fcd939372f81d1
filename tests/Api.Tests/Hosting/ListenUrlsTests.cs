namespace SampleMind.Api.Tests.Hosting;

/// <summary>
/// <c>Urls</c> is checked before Kestrel reads it: an address Kestrel would take as "every interface" without being
/// asked (a mistyped port read as part of the host, a host name) is refused, naming the setting; the addresses an
/// operator writes on purpose pass.
/// </summary>
public sealed class ListenUrlsTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://[::]:5080")]
    [InlineData("http://[::1]:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://+:5080")]
    [InlineData("http://127.0.0.1:5080;http://[::1]:5081")]
    [InlineData("http://127.0.0.1")]
    public void An_address_of_this_machine_or_a_wildcard_passes(string urls) => ListenUrls.Check(urls);

    [Theory]
    [InlineData("http://127.0.0.1:5482x", "127.0.0.1:5482x")]
    [InlineData("http://127.0.0.1:abc", "127.0.0.1:abc")]
    [InlineData("http://127.0.0.1:", "127.0.0.1:")]
    [InlineData("http://example.com:5482", "example.com")]
    [InlineData("http://127.0.0.1:5080;http://studio.local:5081", "studio.local")]
    public void A_host_kestrel_would_take_as_every_interface_is_refused_naming_urls(string urls, string host)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => ListenUrls.Check(urls));

        Assert.StartsWith("Urls: '", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"names the host '{host}'", refused.Message, StringComparison.Ordinal);
    }
}
