using SampleMind.Grains.Webhooks;

namespace SampleMind.Api.Tests.Webhooks;

public sealed class WebhookUrlPolicyTests
{
    [Theory]
    [InlineData("https://hooks.example.com/samplemind")]
    [InlineData("http://127.0.0.1:8080/hook?token=abc")]
    public void Http_and_https_urls_pass_when_no_hosts_are_configured(string url) =>
        Assert.Null(WebhookUrlPolicy.Check(url, []));

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://example.com/")]
    [InlineData("https://me:secret@example.com/hook")]
    [InlineData("https://me@example.com/hook")]
    [InlineData("example.com/hook")]
    public void Other_schemes_credentials_and_relative_urls_are_refused(string url) =>
        Assert.NotNull(WebhookUrlPolicy.Check(url, []));

    [Fact]
    public void Allowed_hosts_match_exactly_or_by_subdomain_wildcard()
    {
        string[] allowed = ["hooks.example.com", "*.studio.test"];

        Assert.Null(WebhookUrlPolicy.Check("https://HOOKS.example.com/x", allowed));
        Assert.Null(WebhookUrlPolicy.Check("https://a.b.studio.test/x", allowed));
        Assert.NotNull(WebhookUrlPolicy.Check("https://studio.test/x", allowed));
        Assert.NotNull(WebhookUrlPolicy.Check("https://evilstudio.test/x", allowed));
        Assert.NotNull(WebhookUrlPolicy.Check("http://127.0.0.1/x", allowed));
        Assert.NotNull(WebhookUrlPolicy.Check("https://hooks.example.com.evil.net/x", allowed));
    }

    [Fact]
    public void Too_long_urls_are_refused() =>
        Assert.NotNull(WebhookUrlPolicy.Check("https://example.com/" + new string('a', WebhookUrlPolicy.MaxLength), []));
}
