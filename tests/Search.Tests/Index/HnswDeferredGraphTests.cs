using SampleMind.Search.Index;

namespace SampleMind.Search.Tests.Index;

/// <summary>
/// An index no larger than <see cref="HnswOptions.ExactSearchThreshold"/> keeps no graph (every search of it is an exact
/// scan); the first insert past the threshold links every vector; later inserts wait, found by an exact scan of them,
/// until <see cref="HnswOptions.LinkBatch"/> have gathered or the index is saved, and are then linked together.
/// </summary>
public sealed class HnswDeferredGraphTests
{
    private const int Dims = TestVectors.Dimensions;
    private const int Threshold = 100;

    private static HnswIndex Small() => new(Dims, VectorMetric.Cosine, new HnswOptions { ExactSearchThreshold = Threshold, M = 8 });

    private static void UpsertRows(HnswIndex index, float[] data, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            index.Upsert("s" + i, TestVectors.Row(data, i));
        }
    }

    [Fact]
    public void An_index_within_the_threshold_keeps_no_graph_and_answers_every_query_exactly()
    {
        var data = TestVectors.Generate(Threshold, clustered: true, seed: 1);
        using var index = Small();
        UpsertRows(index, data, 0, Threshold);

        Assert.Equal(-1, index.EntryPoint);
        Assert.All(Enumerable.Range(0, Threshold), slot => Assert.Empty(index.NeighboursOf(slot, 0)));
        var queries = TestVectors.Generate(20, clustered: true, seed: 2);
        for (var q = 0; q < 20; q++)
        {
            var query = TestVectors.Row(queries, q);
            Assert.Equal(index.SearchExact(query, 10), index.Search(query, 10));
        }
    }

    [Fact]
    public void The_insert_past_the_threshold_links_every_vector_and_later_inserts_wait_for_a_batch_found_by_every_search()
    {
        var data = TestVectors.Generate(600, clustered: true, seed: 1);
        using var index = new HnswIndex(Dims, VectorMetric.Cosine, new HnswOptions { ExactSearchThreshold = Threshold, M = 8, LinkBatch = 1000 });
        UpsertRows(index, data, 0, Threshold + 1);

        Assert.True(index.EntryPoint >= 0);
        Assert.All(Enumerable.Range(0, Threshold + 1), slot => Assert.NotEmpty(index.NeighboursOf(slot, 0)));

        UpsertRows(index, data, Threshold + 1, 600);
        Assert.All(Enumerable.Range(Threshold + 1, 600 - Threshold - 1), slot => Assert.Empty(index.NeighboursOf(slot, 0)));
        Assert.Equal("s599", index.Search(TestVectors.Row(data, 599), 1).Single().Id);
        Assert.True(Recall(index) >= 0.95);

        using var stream = new MemoryStream();
        index.Save(stream);
        Assert.All(Enumerable.Range(0, 600), slot => Assert.NotEmpty(index.NeighboursOf(slot, 0)));
        Assert.True(Recall(index) >= 0.95);
    }

    [Fact]
    public void Waiting_vectors_are_linked_together_once_a_batch_has_gathered()
    {
        var data = TestVectors.Generate(Threshold + 1 + 50, clustered: true, seed: 1);
        using var index = new HnswIndex(Dims, VectorMetric.Cosine, new HnswOptions { ExactSearchThreshold = Threshold, M = 8, LinkBatch = 50 });
        UpsertRows(index, data, 0, Threshold + 1 + 49);
        Assert.Empty(index.NeighboursOf(Threshold + 1, 0));

        UpsertRows(index, data, Threshold + 1 + 49, Threshold + 1 + 50);

        Assert.All(Enumerable.Range(0, Threshold + 1 + 50), slot => Assert.NotEmpty(index.NeighboursOf(slot, 0)));
    }

    /// <summary>The share of the exact 10 nearest neighbours that the index's search returns, over 50 queries.</summary>
    private static double Recall(HnswIndex index)
    {
        var queries = TestVectors.Generate(50, clustered: true, seed: 2);
        var found = 0;
        for (var q = 0; q < 50; q++)
        {
            var query = TestVectors.Row(queries, q);
            var truth = index.SearchExact(query, 10).Select(h => h.Slot).ToHashSet();
            found += index.Search(query, 10).Count(h => truth.Contains(h.Slot));
        }

        return found / 500.0;
    }

    [Fact]
    public void A_small_index_saved_without_a_graph_loads_without_one_and_links_when_it_outgrows_the_threshold()
    {
        var data = TestVectors.Generate(Threshold + 50, clustered: true, seed: 1);
        using var stream = new MemoryStream();
        using (var index = Small())
        {
            UpsertRows(index, data, 0, Threshold);
            index.Save(stream);
        }

        stream.Position = 0;
        using var loaded = HnswIndex.Load(stream);
        Assert.Equal(-1, loaded.EntryPoint);
        Assert.Equal(Threshold, loaded.Count);

        UpsertRows(loaded, data, Threshold, Threshold + 50);
        Assert.True(loaded.EntryPoint >= 0);
        Assert.All(Enumerable.Range(0, Threshold + 1), slot => Assert.NotEmpty(loaded.NeighboursOf(slot, 0)));
        Assert.Equal("s3", loaded.Search(TestVectors.Row(data, 3), 1).Single().Id);
        Assert.Equal("s149", loaded.Search(TestVectors.Row(data, 149), 1).Single().Id);
    }
}
