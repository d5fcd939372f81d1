using System.Numerics;

namespace SampleMind.Search.Fingerprints;

/// <summary>Compares Chromaprint raw fingerprints (one 32-bit sub-fingerprint per frame) by bit error rate.</summary>
public static class FingerprintComparer
{
    /// <summary>
    /// Tries every offset in [−<paramref name="maxOffset"/>, <paramref name="maxOffset"/>] with at least
    /// <paramref name="minOverlap"/> overlapping frames and returns the one with the lowest bit error rate
    /// (popcount of XOR); the default match (similarity 0) when no offset overlaps enough.
    /// </summary>
    public static FingerprintMatch Compare(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b, int maxOffset = 120, int minOverlap = 10) =>
        Compare(a, b, -maxOffset, maxOffset, minOverlap);

    /// <summary>Like <see cref="Compare(ReadOnlySpan{uint}, ReadOnlySpan{uint}, int, int)"/> over offsets [from, to].</summary>
    public static FingerprintMatch Compare(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b, int from, int to, int minOverlap)
    {
        var best = default(FingerprintMatch);
        for (var offset = from; offset <= to; offset++)
        {
            var start = Math.Max(0, -offset);
            var end = Math.Min(a.Length, b.Length - offset);
            var overlap = end - start;
            if (overlap < Math.Max(1, minOverlap))
            {
                continue;
            }

            var errors = BitErrors(a.Slice(start, overlap), b.Slice(start + offset, overlap));
            var similarity = 1.0 - (errors / (32.0 * overlap));
            if (similarity > best.Similarity)
            {
                best = new FingerprintMatch(offset, similarity, overlap);
            }
        }

        return best;
    }

    /// <summary>The number of differing bits between two equally long fingerprint segments.</summary>
    public static long BitErrors(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        long errors = 0;
        for (var i = 0; i < a.Length; i++)
        {
            errors += BitOperations.PopCount(a[i] ^ b[i]);
        }

        return errors;
    }
}
