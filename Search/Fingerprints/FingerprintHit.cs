namespace SampleMind.Search.Fingerprints;

/// <summary>A library sample sharing content with a queried fingerprint.</summary>
/// <param name="SampleId">The sample.</param>
/// <param name="Match">The best alignment found.</param>
public sealed record FingerprintHit(string SampleId, FingerprintMatch Match);
