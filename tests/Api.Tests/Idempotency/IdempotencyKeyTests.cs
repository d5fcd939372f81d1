using SampleMind.Api.Endpoints;
using SampleMind.Api.Idempotency;

namespace SampleMind.Api.Tests.Idempotency;

public sealed class IdempotencyKeyTests
{
    [Theory]
    [InlineData("a", true)]
    [InlineData("!~", true)]
    [InlineData("8e6c1d5e-2b0f-4f2a-9d55-0c7f3b1e9a41", true)]
    [InlineData("", false)]
    [InlineData("with space", false)]
    [InlineData("tab\t", false)]
    [InlineData("del\u007f", false)]
    [InlineData("caf\u00e9", false)]
    public void A_key_is_1_to_255_printable_ascii_characters(string key, bool wellFormed)
    {
        Assert.Equal(wellFormed, IdempotencyKey.IsWellFormed(key));
    }

    [Fact]
    public void A_key_of_255_characters_is_taken_and_one_of_256_is_not()
    {
        Assert.True(IdempotencyKey.IsWellFormed(new string('k', 255)));
        Assert.False(IdempotencyKey.IsWellFormed(new string('k', 256)));
    }

    [Fact]
    public void The_derived_id_is_a_valid_32_hex_id_that_depends_on_tenant_kind_and_key()
    {
        var id = IdempotencyKey.DeriveId("acme", "stems.separate", "k1");

        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.True(Identifiers.IsValid(id));
        Assert.Equal(id, IdempotencyKey.DeriveId("acme", "stems.separate", "k1"));
        Assert.Equal(4, new[]
        {
            id, IdempotencyKey.DeriveId("other", "stems.separate", "k1"), IdempotencyKey.DeriveId("acme", "samples.vary", "k1"),
            IdempotencyKey.DeriveId("acme", "stems.separate", "k2"),
        }.Distinct().Count());
    }
}
