using SampleMind.Search.Index;

namespace SampleMind.Search.Tests.Index;

public sealed class HnswIndexTests
{
    private const int Dims = TestVectors.Dimensions;

    private static HnswIndex Build(int n, HnswOptions? options = null, VectorMetric metric = VectorMetric.Cosine, int seed = 1)
    {
        var index = new HnswIndex(Dims, metric, options ?? new HnswOptions { ExactSearchThreshold = 0 });
        index.AddRange(TestVectors.Ids(n), TestVectors.Generate(n, clustered: true, seed));
        return index;
    }

    [Fact]
    public void Deleted_vectors_are_never_returned()
    {
        using var index = Build(5000);
        var queries = TestVectors.Generate(100, clustered: true, seed: 9);
        var deleted = new HashSet<string>();
        for (var q = 0; q < 100; q++)
        {
            foreach (var hit in index.Search(TestVectors.Row(queries, q), 3))
            {
                Assert.True(index.Delete(hit.Id) || deleted.Contains(hit.Id));
                deleted.Add(hit.Id);
            }
        }

        for (var q = 0; q < 100; q++)
        {
            var hits = index.Search(TestVectors.Row(queries, q), 10);
            Assert.Equal(10, hits.Count);
            Assert.DoesNotContain(hits, h => deleted.Contains(h.Id));
        }

        Assert.Equal(5000 - deleted.Count, index.Count);
    }

    [Fact]
    public void Compaction_drops_tombstones_and_keeps_answers_exact_for_live_vectors()
    {
        using var index = Build(3000);
        for (var i = 0; i < 3000; i += 3)
        {
            index.Delete("s" + i);
        }

        Assert.Equal(1000, index.Compact());
        Assert.Equal(0, index.DeletedCount);
        Assert.Equal(2000, index.SlotCount);
        var data = TestVectors.Generate(3000, clustered: true, seed: 1);
        var self = index.Search(TestVectors.Row(data, 1), 1);
        Assert.Equal("s1", self[0].Id);
        Assert.False(index.Contains("s0"));
    }

    [Fact]
    public void Upsert_replaces_the_vector_stored_under_an_id()
    {
        using var index = Build(2000);
        var replacement = TestVectors.Generate(1, clustered: false, seed: 77);
        index.Upsert("s5", replacement);
        var hits = index.Search(replacement, 1);
        Assert.Equal("s5", hits[0].Id);
        Assert.True(hits[0].Distance < 1e-4f);
        Assert.Equal(2000, index.Count);
    }

    [Fact]
    public void L2_search_finds_a_stored_vector_at_distance_zero()
    {
        using var index = Build(2000, metric: VectorMetric.L2);
        var data = TestVectors.Generate(2000, clustered: true, seed: 1);
        var hits = index.Search(TestVectors.Row(data, 42), 5);
        Assert.Equal("s42", hits[0].Id);
        Assert.True(hits[0].Distance < 1e-3f);
        Assert.True(hits[1].Distance >= hits[0].Distance);
    }

    [Fact]
    public void Filtered_graph_search_returns_k_matching_results_under_a_1_percent_filter()
    {
        using var index = Build(20_000, new HnswOptions { ExactSearchThreshold = 0, ExactScanCost = 1e6 });
        var filter = SetFilter.Random(index.SlotCount, 0.01, seed: 4);
        var queries = TestVectors.Generate(30, clustered: true, seed: 5);
        var found = 0;
        for (var q = 0; q < 30; q++)
        {
            var query = TestVectors.Row(queries, q);
            var hits = index.SearchFiltered(query, 10, filter);
            Assert.Equal(10, hits.Count);
            Assert.All(hits, h => Assert.Contains(h.Slot, filter.Allowed));
            var truth = index.SearchExact(query, 10, filter).Select(h => h.Slot).ToHashSet();
            found += hits.Count(h => truth.Contains(h.Slot));
        }

        Assert.True(found / 300.0 >= 0.9, $"filtered recall {found / 300.0}");
    }

    [Fact]
    public void A_very_selective_filter_falls_back_to_exact_search_and_returns_every_match()
    {
        using var index = Build(5000, new HnswOptions());
        var filter = new SetFilter([3, 1500, 2999, 4000, 4999]);
        var hits = index.SearchFiltered(TestVectors.Generate(1, clustered: true, seed: 8), 10, filter);
        Assert.Equal(5, hits.Count);
        Assert.Equal(filter.Allowed.Order(), hits.Select(h => h.Slot).Order());
    }

    [Fact]
    public void Id_predicate_filters_by_external_id()
    {
        using var index = Build(3000);
        var hits = index.Search(TestVectors.Generate(1, clustered: true, seed: 3), 10, id => id.EndsWith('7'));
        Assert.Equal(10, hits.Count);
        Assert.All(hits, h => Assert.EndsWith("7", h.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Concurrent_searches_run_while_a_writer_inserts()
    {
        using var index = Build(3000);
        var extra = TestVectors.Generate(500, clustered: true, seed: 11);
        var queries = TestVectors.Generate(50, clustered: true, seed: 12);
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                index.Upsert("x" + i, TestVectors.Row(extra, i));
            }
        });
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            var total = 0;
            for (var round = 0; round < 20; round++)
            {
                for (var q = 0; q < 50; q++)
                {
                    total += index.Search(TestVectors.Row(queries, q), 10).Count;
                }
            }

            return total;
        })).ToArray();
        await Task.WhenAll([writer, .. readers]).WaitAsync(TimeSpan.FromMinutes(2));
        foreach (var reader in readers)
        {
            Assert.Equal(20 * 50 * 10, await reader);
        }

        Assert.Equal(3500, index.Count);
    }
}
