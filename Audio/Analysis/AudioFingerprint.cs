using System.Numerics;

namespace SampleMind.Audio;

/// <summary>Compares Chromaprint fingerprints: best alignment offset and a bit-error-based similarity.</summary>
public static class AudioFingerprint
{
    /// <summary>Seconds per fingerprint item (Chromaprint default algorithm: a hop of 4096 / 3 samples at 11025 Hz).</summary>
    public const double ItemSeconds = 4096.0 / 3 / 11025;

    /// <summary>
    /// Slides <paramref name="b"/> against <paramref name="a"/> over every offset that overlaps at least half of the
    /// shorter one (±1000 items for long fingerprints) and returns the offset with the fewest differing bits.
    /// </summary>
    public static FingerprintMatch Compare(IReadOnlyList<int> a, IReadOnlyList<int> b, double duplicateThreshold = AudioAnalyzerOptions.DefaultDuplicateThreshold)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 || b.Count == 0)
        {
            return new FingerprintMatch { Similarity = 0, OffsetItems = 0, OffsetSeconds = 0, Overlap = 0, IsDuplicate = false };
        }

        var minOverlap = Math.Max(1, Math.Min(a.Count, b.Count) / 2);
        var low = Math.Max(-(a.Count - minOverlap), -1000);
        var high = Math.Min(b.Count - minOverlap, 1000);
        var bestSimilarity = -1.0;
        int bestOffset = 0, bestOverlap = 0;
        for (var offset = low; offset <= high; offset++)
        {
            // offset > 0: b[offset + i] aligns with a[i].
            var startA = Math.Max(0, -offset);
            var startB = Math.Max(0, offset);
            var overlap = Math.Min(a.Count - startA, b.Count - startB);
            if (overlap < minOverlap)
            {
                continue;
            }

            long errors = 0;
            for (var i = 0; i < overlap; i++)
            {
                errors += BitOperations.PopCount((uint)(a[startA + i] ^ b[startB + i]));
            }

            var similarity = 1 - (errors / (32.0 * overlap));
            if (similarity > bestSimilarity)
            {
                (bestSimilarity, bestOffset, bestOverlap) = (similarity, offset, overlap);
            }
        }

        bestSimilarity = Math.Max(0, bestSimilarity);
        return new FingerprintMatch
        {
            Similarity = Math.Round(bestSimilarity, 4),
            OffsetItems = bestOffset,
            OffsetSeconds = Math.Round(bestOffset * ItemSeconds, 3),
            Overlap = bestOverlap,
            IsDuplicate = bestSimilarity >= duplicateThreshold,
        };
    }

    /// <summary>Compares the fingerprints of two analyses.</summary>
    public static FingerprintMatch Compare(FingerprintInfo a, FingerprintInfo b, double duplicateThreshold = AudioAnalyzerOptions.DefaultDuplicateThreshold)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Compare(a.Raw, b.Raw, duplicateThreshold);
    }
}
