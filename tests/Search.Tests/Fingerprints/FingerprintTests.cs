using SampleMind.Search.Fingerprints;

namespace SampleMind.Search.Tests.Fingerprints;

public sealed class FingerprintTests
{
    private static uint[] RandomPrint(Random r, int length) => [.. Enumerable.Range(0, length).Select(_ => (uint)r.NextInt64(0, 1L << 32))];

    /// <summary>Flips each bit with probability <paramref name="rate"/> (re-encoding noise).</summary>
    private static uint[] Noisy(Random r, ReadOnlySpan<uint> print, double rate)
    {
        var result = print.ToArray();
        for (var i = 0; i < result.Length; i++)
        {
            for (var bit = 0; bit < 32; bit++)
            {
                if (r.NextDouble() < rate)
                {
                    result[i] ^= 1u << bit;
                }
            }
        }

        return result;
    }

    [Fact]
    public void Compare_finds_the_offset_of_a_noisy_excerpt()
    {
        var r = new Random(1);
        var full = RandomPrint(r, 300);
        var excerpt = Noisy(r, full.AsSpan(57, 100), 0.05);
        var match = FingerprintComparer.Compare(excerpt, full, maxOffset: 120);
        Assert.Equal(57, match.Offset);
        Assert.InRange(match.Similarity, 0.9, 1.0);
        Assert.Equal(100, match.Overlap);
    }

    [Fact]
    public void Unrelated_fingerprints_are_about_half_similar()
    {
        var r = new Random(2);
        var match = FingerprintComparer.Compare(RandomPrint(r, 200), RandomPrint(r, 200), maxOffset: 0);
        Assert.InRange(match.Similarity, 0.4, 0.6);
    }

    [Fact]
    public void The_index_finds_samples_sharing_content_across_a_library()
    {
        var r = new Random(3);
        var index = new FingerprintIndex();
        var prints = Enumerable.Range(0, 300).Select(_ => RandomPrint(r, 150 + r.Next(200))).ToArray();
        for (var i = 0; i < prints.Length; i++)
        {
            index.Add("s" + i, prints[i]);
        }

        var query = Noisy(r, prints[42].AsSpan(30, 80), 0.08);
        var hits = index.FindSimilar(query);
        var hit = Assert.Single(hits);
        Assert.Equal("s42", hit.SampleId);
        Assert.Equal(30, hit.Match.Offset);
        Assert.Empty(index.FindSimilar(RandomPrint(r, 80)));
    }

    [Fact]
    public void Removed_samples_are_no_longer_found()
    {
        var r = new Random(4);
        var index = new FingerprintIndex();
        var print = RandomPrint(r, 100);
        index.Add("a", print);
        Assert.True(index.Remove("a"));
        Assert.Empty(index.FindSimilar(print));
        Assert.Equal(0, index.Count);
    }
}
