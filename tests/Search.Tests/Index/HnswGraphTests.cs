using SampleMind.Search.Index;

namespace SampleMind.Search.Tests.Index;

/// <summary>The shape of the graph: neighbour selection, list bounds, connectivity, and parallel against sequential builds.</summary>
public sealed class HnswGraphTests
{
    private const int Dims = TestVectors.Dimensions;

    [Fact]
    public void Selection_heuristic_drops_a_candidate_nearer_a_kept_neighbour_than_the_base()
    {
        using var index = new HnswIndex(2, VectorMetric.L2);
        float[][] points = [[0, 0], [1, 0], [1.2f, 0.2f], [-1, 0], [0, 1.5f]];
        for (var i = 0; i < points.Length; i++)
        {
            index.Upsert("p" + i, points[i]);
        }

        // Nearest first from p0 (squared L2): p1 1, p3 1, p2 1.48, p4 2.25; p0 itself must be skipped.
        int[] candidates = [0, 1, 3, 2, 4];
        float[] distances = [0, 1, 1, 1.48f, 2.25f];
        Assert.Equal([1, 3, 4], index.SelectNeighboursFor(0, candidates, distances, max: 4));
        Assert.Equal([1, 3], index.SelectNeighboursFor(0, candidates, distances, max: 2));
    }

    [Fact]
    public void Selection_heuristic_keeps_exactly_the_candidates_nearer_the_base_than_every_kept_one()
    {
        using var index = Build(3000, parallelism: 1, clustered: false);
        var data = TestVectors.Generate(3000, clustered: false, seed: 1);
        for (var b = 0; b < 3000; b += 97)
        {
            var nearest = index.SearchExact(TestVectors.Row(data, b), 200);
            int[] candidates = [.. nearest.Select(h => h.Slot)];
            float[] distances = [.. candidates.Select(c => index.InternalDistance(b, c))];
            var kept = index.SelectNeighboursFor(b, candidates, distances, max: 32);
            Assert.DoesNotContain(b, kept);
            Assert.InRange(kept.Length, 1, 32);
            var keptSoFar = new List<int>();
            for (var i = 0; i < candidates.Length && keptSoFar.Count < 32; i++)
            {
                var c = candidates[i];
                if (c == b)
                {
                    continue;
                }

                var good = keptSoFar.All(k => index.InternalDistance(c, k) >= distances[i]);
                Assert.Equal(good, kept.Contains(c));
                if (good)
                {
                    keptSoFar.Add(c);
                }
            }

            Assert.Equal(keptSoFar, kept);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Built_graph_is_well_formed_and_layer_0_reaches_every_node(int parallelism)
    {
        const int n = 10_000;
        using var index = Build(n, parallelism, clustered: true);
        Assert.True(index.LevelOf(index.EntryPoint) == index.TopLevel);
        var levels = new int[index.TopLevel + 1];
        for (var slot = 0; slot < n; slot++)
        {
            levels[index.LevelOf(slot)]++;
            for (var level = 0; level <= index.LevelOf(slot); level++)
            {
                var links = index.NeighboursOf(slot, level);
                Assert.InRange(links.Length, 1, index.MaxLinks(level));
                Assert.DoesNotContain(slot, links);
                Assert.Equal(links.Length, links.Distinct().Count());
                Assert.All(links, t => Assert.True(t >= 0 && t < n && index.LevelOf(t) >= level));
            }
        }

        // Levels follow mL = 1 / ln M: about n × (1 - 1/M) nodes on layer 0 only.
        Assert.InRange(levels[0], (int)(n * 0.95), (int)(n * 0.99));
        Assert.Equal(n, ReachableOnLayer0(index));
    }

    [Fact]
    public void Parallel_build_recall_matches_a_sequential_build_and_sequential_builds_are_identical()
    {
        const int n = 10_000;
        using var sequential = Build(n, parallelism: 1, clustered: false);
        using var again = Build(n, parallelism: 1, clustered: false);
        using var parallel = Build(n, parallelism: 4, clustered: false);
        Assert.Equal(Saved(sequential), Saved(again));
        var queries = TestVectors.Generate(100, clustered: false, seed: 2);
        var sequentialRecall = Recall(sequential, queries, ef: 64);
        var parallelRecall = Recall(parallel, queries, ef: 64);
        Assert.True(sequentialRecall >= 0.9, $"sequential recall {sequentialRecall}");
        Assert.True(parallelRecall >= 0.9, $"parallel recall {parallelRecall}");
        Assert.True(Math.Abs(sequentialRecall - parallelRecall) <= 0.03, $"sequential {sequentialRecall}, parallel {parallelRecall}");
    }

    [Fact]
    public void L2_hits_report_the_euclidean_distance()
    {
        using var index = Build(2000, parallelism: 2, clustered: true, VectorMetric.L2);
        var data = TestVectors.Generate(2000, clustered: true, seed: 1);
        var query = TestVectors.Generate(1, clustered: true, seed: 5);
        foreach (var hit in index.SearchFiltered(query, 5, null, efSearch: 200))
        {
            var expected = System.Numerics.Tensors.TensorPrimitives.Distance(query, TestVectors.Row(data, hit.Slot));
            Assert.Equal(expected, hit.Distance, 1e-3f);
        }
    }

    private static HnswIndex Build(int n, int parallelism, bool clustered, VectorMetric metric = VectorMetric.Cosine)
    {
        var options = new HnswOptions { ExactSearchThreshold = 0, MaxDegreeOfParallelism = parallelism };
        var index = new HnswIndex(Dims, metric, options);
        index.AddRange(TestVectors.Ids(n), TestVectors.Generate(n, clustered, seed: 1));
        return index;
    }

    private static int ReachableOnLayer0(HnswIndex index)
    {
        var seen = new bool[index.SlotCount];
        var queue = new Queue<int>([index.EntryPoint]);
        seen[index.EntryPoint] = true;
        var count = 1;
        while (queue.TryDequeue(out var node))
        {
            foreach (var next in index.NeighboursOf(node, 0).Where(t => !seen[t]))
            {
                seen[next] = true;
                count++;
                queue.Enqueue(next);
            }
        }

        return count;
    }

    private static double Recall(HnswIndex index, float[] queries, int ef)
    {
        var found = 0;
        for (var q = 0; q < 100; q++)
        {
            var query = TestVectors.Row(queries, q);
            var truth = index.SearchExact(query, 10).Select(h => h.Slot).ToHashSet();
            found += index.SearchFiltered(query, 10, null, ef).Count(h => truth.Contains(h.Slot));
        }

        return found / 1000.0;
    }

    private static byte[] Saved(HnswIndex index)
    {
        using var stream = new MemoryStream();
        index.Save(stream);
        return stream.ToArray();
    }
}
