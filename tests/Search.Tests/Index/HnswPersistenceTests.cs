using SampleMind.Search.Index;

namespace SampleMind.Search.Tests.Index;

public sealed class HnswPersistenceTests
{
    private const int Dims = TestVectors.Dimensions;

    private static HnswIndex BuildWithDeletes()
    {
        var index = new HnswIndex(Dims, VectorMetric.Cosine, new HnswOptions { ExactSearchThreshold = 0, M = 12 });
        index.AddRange(TestVectors.Ids(4000), TestVectors.Generate(4000, clustered: true, seed: 1));
        for (var i = 0; i < 4000; i += 7)
        {
            index.Delete("s" + i);
        }

        return index;
    }

    private static void AssertSameAnswers(HnswIndex expected, HnswIndex actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.SlotCount, actual.SlotCount);
        Assert.Equal(expected.Options.M, actual.Options.M);
        var queries = TestVectors.Generate(50, clustered: true, seed: 2);
        for (var q = 0; q < 50; q++)
        {
            var query = TestVectors.Row(queries, q);
            Assert.Equal(expected.Search(query, 10), actual.Search(query, 10));
        }
    }

    [Fact]
    public void Save_and_load_round_trip_gives_the_same_results()
    {
        using var index = BuildWithDeletes();
        using var stream = new MemoryStream();
        index.Save(stream);
        stream.Position = 0;
        using var loaded = HnswIndex.Load(stream);
        AssertSameAnswers(index, loaded);
        Assert.False(loaded.Contains("s0"));
        Assert.True(loaded.Contains("s1"));
    }

    [Fact]
    public void Memory_mapped_load_gives_the_same_results()
    {
        using var index = BuildWithDeletes();
        var path = Path.Combine(Path.GetTempPath(), $"hnsw-{Guid.NewGuid():N}.idx");
        try
        {
            index.Save(path);
            using var loaded = HnswIndex.LoadMapped(path);
            AssertSameAnswers(index, loaded);
            loaded.Upsert("new", TestVectors.Generate(1, clustered: false, seed: 3));
            Assert.Equal(index.Count + 1, loaded.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Loading_something_that_is_not_an_index_fails_with_invalid_data()
    {
        using var stream = new MemoryStream("definitely not an index"u8.ToArray());
        Assert.Throws<InvalidDataException>(() => HnswIndex.Load(stream));
    }
}
