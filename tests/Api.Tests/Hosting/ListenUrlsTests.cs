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
    [InlineData("http://127.0.0.1:5080;http://127.0.0.1:5081")]
    [InlineData("http://127.0.0.1:5080;http://[::1]:5080")]
    [InlineData("http://0.0.0.0:5080;http://[::1]:5080")]
    [InlineData("http://127.0.0.1:0;http://localhost:0")]
    [InlineData(null)]
    public void An_address_of_this_machine_or_a_wildcard_passes(string? urls) => ListenUrls.Check(urls);

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(";")]
    [InlineData(" ; ")]
    public void A_value_that_names_no_address_is_refused_naming_urls(string urls)
    {
        // Before, it passed as zero addresses and Kestrel listened on its default, localhost:5000.
        var refused = Assert.Throws<InvalidOperationException>(() => ListenUrls.Check(urls));

        Assert.StartsWith("Urls is set but names no address", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5612;http://localhost:5612", "http://127.0.0.1:5612", "http://localhost:5612")]
    [InlineData("http://localhost:5612;https://localhost:5612", "http://localhost:5612", "https://localhost:5612")]
    [InlineData("http://[::1]:5612;http://LOCALHOST:5612", "http://[::1]:5612", "http://LOCALHOST:5612")]
    [InlineData("http://127.0.0.1:5612;http://0.0.0.0:5612", "http://127.0.0.1:5612", "http://0.0.0.0:5612")]
    [InlineData("http://0.0.0.0:5612;http://[::]:5612", "http://0.0.0.0:5612", "http://[::]:5612")]
    [InlineData("http://*:5612;http://[::1]:5612", "http://*:5612", "http://[::1]:5612")]
    [InlineData("http://127.0.0.1:5080;http://10.0.0.1:5612;http://10.0.0.1:5612", "http://10.0.0.1:5612", "http://10.0.0.1:5612")]
    public void Two_addresses_that_take_one_port_of_the_same_address_are_refused_naming_both(string urls, string first, string second)
    {
        // Before, Kestrel bound the first and failed on the second as "address already in use", which reads as another process.
        var refused = Assert.Throws<InvalidOperationException>(() => ListenUrls.Check(urls));

        Assert.StartsWith($"Urls: '{first}' and '{second}' both take port 5612 of the same address", refused.Message, StringComparison.Ordinal);
    }

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
