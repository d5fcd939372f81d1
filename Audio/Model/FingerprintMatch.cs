namespace SampleMind.Audio;

/// <summary>Result of comparing two fingerprints at their best alignment.</summary>
public sealed record FingerprintMatch
{
    /// <summary>1 - bit error rate at the best offset (0.5 ≈ unrelated, 1 = identical).</summary>
    public required double Similarity { get; init; }

    /// <summary>Offset of the second fingerprint against the first, in items (positive: second starts later).</summary>
    public required int OffsetItems { get; init; }

    /// <summary>The same offset in seconds.</summary>
    public required double OffsetSeconds { get; init; }

    /// <summary>Items compared at that offset.</summary>
    public required int Overlap { get; init; }

    /// <summary>True when <see cref="Similarity"/> reaches the duplicate threshold.</summary>
    public required bool IsDuplicate { get; init; }
}
