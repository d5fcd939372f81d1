namespace SampleMind.Search.Fingerprints;

/// <summary>How two fingerprints line up best.</summary>
/// <param name="Offset">Frames to shift the second fingerprint by (b[i + Offset] aligns with a[i]); may be negative.</param>
/// <param name="Similarity">1 − bit error rate over the overlap, in [0, 1]; unrelated audio sits near 0.5.</param>
/// <param name="Overlap">Frames compared at that offset.</param>
public readonly record struct FingerprintMatch(int Offset, double Similarity, int Overlap);
