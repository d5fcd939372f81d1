namespace SampleMind.Search.Tests.Engine;

public sealed class ShardedSearchTests
{
    [Fact]
    public void Merge_keeps_the_best_k_across_shards_once_each()
    {
        IReadOnlyList<SearchHit> a = [new("x", 0.9, ""), new("y", 0.5, "")];
        IReadOnlyList<SearchHit> b = [new("z", 0.8, ""), new("x", 0.7, ""), new("w", 0.1, "")];
        var merged = ShardedSearch.Merge([a, b], 3);
        Assert.Equal(["x", "z", "y"], merged.Select(h => h.SampleId));
        Assert.Equal(0.9, merged[0].Score);
    }

    [Fact]
    public void Merge_of_no_shards_is_empty() => Assert.Empty(ShardedSearch.Merge([], 10));
}
