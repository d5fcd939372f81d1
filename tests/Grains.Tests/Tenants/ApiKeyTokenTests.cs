using SampleMind.Grains.Abstractions.Tenants;

namespace SampleMind.Grains.Tests.Tenants;

public sealed class ApiKeyTokenTests
{
    [Fact]
    public void New_token_round_trips_through_its_text_form()
    {
        var token = ApiKeyToken.CreateNew();

        Assert.True(ApiKeyToken.TryParse(token.ToString(), out var parsed));
        Assert.Equal(token, parsed);
        Assert.Equal(64, parsed.SecretSha256Hex().Length);
    }

    [Fact]
    public void Two_new_tokens_differ_in_id_and_secret()
    {
        var a = ApiKeyToken.CreateNew();
        var b = ApiKeyToken.CreateNew();

        Assert.NotEqual(a.KeyId, b.KeyId);
        Assert.NotEqual(a.SecretSha256Hex(), b.SecretSha256Hex());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("smk_")]
    [InlineData("smk_0123456789abcdef")]
    [InlineData("smk_0123456789abcdef_short")]
    [InlineData("xyz_0123456789abcdef_aaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("smk_0123_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Malformed_tokens_are_refused(string? text) => Assert.False(ApiKeyToken.TryParse(text, out _));
}
