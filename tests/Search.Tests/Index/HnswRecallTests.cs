using System.Diagnostics;
using SampleMind.Search.Index;
using Xunit.Abstractions;

namespace SampleMind.Search.Tests.Index;

/// <summary>
/// Recall@10 against exact search at the default parameters, on 100k vectors of dimension 64. Each builds a 100k
/// index (tens of seconds on 2 cores), hence the Slow trait: <c>--filter Category!=Slow</c> skips them.
/// </summary>
public sealed class HnswRecallTests(ITestOutputHelper output)
{
    private const int N = 100_000;
    private const int Queries = 100;
    private const int K = 10;

    [Fact]
    [Trait("Category", "Slow")]
    public void Recall_at_10_on_100k_random_vectors_is_at_least_0_95() =>
        Assert.True(MeasureRecall(clustered: false) >= 0.95);

    [Fact]
    [Trait("Category", "Slow")]
    public void Recall_at_10_on_100k_clustered_vectors_is_at_least_0_95() =>
        Assert.True(MeasureRecall(clustered: true) >= 0.95);

    private double MeasureRecall(bool clustered)
    {
        var data = TestVectors.Generate(N, clustered, seed: 1);
        var queries = TestVectors.Generate(Queries, clustered, seed: 2);
        using var index = new HnswIndex(TestVectors.Dimensions, VectorMetric.Cosine, new HnswOptions { InitialCapacity = N });
        var watch = Stopwatch.StartNew();
        index.AddRange(TestVectors.Ids(N), data);
        var build = watch.Elapsed;
        var found = 0;
        for (var q = 0; q < Queries; q++)
        {
            var query = TestVectors.Row(queries, q);
            var truth = index.SearchExact(query, K).Select(h => h.Slot).ToHashSet();
            found += index.Search(query, K).Count(h => truth.Contains(h.Slot));
        }

        var recall = found / (double)(Queries * K);
        output.WriteLine($"clustered={clustered}: build {build.TotalSeconds:F1} s, recall@{K} {recall:F4}");
        return recall;
    }
}
