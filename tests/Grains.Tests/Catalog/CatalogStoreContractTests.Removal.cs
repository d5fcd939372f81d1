using SampleMind.Grains.Catalog;
using SampleMind.Grains.Tests.Search;

namespace SampleMind.Grains.Tests.Catalog;

/// <summary>A sample's removal, part of the <see cref="ICatalogStore"/> contract: its rows, its copies and its content claim.</summary>
public abstract partial class CatalogStoreContractTests
{
    [Fact]
    public async Task A_removed_original_leaves_no_rows_and_hands_its_content_claim_to_the_successor()
    {
        Assert.Equal("a", await _store.ClaimContentAsync("t", "lib", "sha-a", "a", default));
        await _store.UpsertAsync("t", Summary("a"), default);
        foreach (var copy in new[] { "c", "b" })
        {
            Assert.Equal("a", await _store.ClaimContentAsync("t", "lib", "sha-a", copy, default));
            await _store.UpsertAsync("t", Summary(copy) with { DuplicateOf = "a" }, default);
        }

        await _store.UpsertAsync("t", Summary("d"), default);
        await _store.UpsertAsync("t", Summary("e", library: "other") with { DuplicateOf = "a" }, default);
        await _store.UpsertAsync("u", Summary("f") with { DuplicateOf = "a" }, default);
        await _store.UpsertShardEntriesAsync("t", "lib", [new("a", ShardRecords.Entry("a", 1)), new("b", ShardRecords.Entry("b", 2))], default);

        Assert.Equal(["b", "c"], await _store.ListCopiesOfAsync("t", "lib", "a", default));
        Assert.Empty(await _store.ListCopiesOfAsync("t", "lib", "d", default));

        await _store.RemoveSampleAsync("t", "lib", "a", "sha-a", "b", default);
        await _store.RemoveSampleAsync("t", "lib", "a", "sha-a", "b", default);

        Assert.Equal(["b", "c", "d"], (await _store.QueryAsync("t", "lib", new(), null, default)).Items.Select(s => s.SampleId));
        Assert.Equal(["b"], (await ReadAsync("t", "lib")).Select(r => r.SampleId));
        Assert.Equal("b", await _store.ClaimContentAsync("t", "lib", "sha-a", "x", default));
        Assert.Equal(1, await _store.CountAsync("t", "other", default));
        Assert.Equal(1, await _store.CountAsync("u", "lib", default));

        // Without a successor the claim goes: the content's next file is an original again.
        await _store.RemoveSampleAsync("t", "lib", "b", "sha-a", null, default);
        Assert.Equal("y", await _store.ClaimContentAsync("t", "lib", "sha-a", "y", default));
        Assert.Empty(await ReadAsync("t", "lib"));
    }

    [Fact]
    public async Task Removing_a_sample_that_does_not_hold_the_claim_leaves_the_claim_with_its_holder()
    {
        Assert.Equal("a", await _store.ClaimContentAsync("t", "lib", "sha-a", "a", default));
        await _store.UpsertAsync("t", Summary("a"), default);
        await _store.UpsertAsync("t", Summary("b") with { DuplicateOf = "a" }, default);

        await _store.RemoveSampleAsync("t", "lib", "b", "sha-a", null, default);

        Assert.Equal(["a"], (await _store.QueryAsync("t", "lib", new(), null, default)).Items.Select(s => s.SampleId));
        Assert.Equal("a", await _store.ClaimContentAsync("t", "lib", "sha-a", "x", default));
    }

    [Fact]
    public async Task Removing_samples_of_a_library_drops_their_rows_and_claims_and_nothing_of_other_libraries()
    {
        foreach (var (tenant, library, id) in new[] { ("t", "lib", "a"), ("t", "lib", "b"), ("t", "lib", "c"), ("t", "other", "a"), ("u", "lib", "a") })
        {
            Assert.Equal(id, await _store.ClaimContentAsync(tenant, library, "sha-" + id, id, default));
            await _store.UpsertAsync(tenant, Summary(id, library), default);
            await _store.UpsertShardEntriesAsync(tenant, library, [new(id, ShardRecords.Entry(id, 1))], default);
        }

        await _store.RemoveSamplesAsync("t", "lib", [Summary("a"), Summary("b")], default);
        await _store.RemoveSamplesAsync("t", "lib", [], default);

        Assert.Equal(["c"], (await _store.QueryAsync("t", "lib", new(), null, default)).Items.Select(s => s.SampleId));
        Assert.Equal(["c"], (await ReadAsync("t", "lib")).Select(r => r.SampleId));
        Assert.Equal("x", await _store.ClaimContentAsync("t", "lib", "sha-a", "x", default));
        Assert.Equal("c", await _store.ClaimContentAsync("t", "lib", "sha-c", "x", default));
        Assert.Equal("a", await _store.ClaimContentAsync("t", "other", "sha-a", "x", default));
        Assert.Equal(1, await _store.CountAsync("u", "lib", default));
        Assert.Single(await ReadAsync("t", "other"));
    }
}
