namespace SampleMind.Audio;

/// <summary>Chromaprint (AcoustID) fingerprint of the audio.</summary>
public sealed record FingerprintInfo
{
    /// <summary>Raw 32-bit sub-fingerprints, one every ~0.124 s of audio, stored as signed ints for JSON.</summary>
    public required IReadOnlyList<int> Raw { get; init; }

    /// <summary>The compressed, URL-safe base64 form Chromaprint produces.</summary>
    public required string Encoded { get; init; }

    /// <summary>True when the audio was shorter than the fingerprint window and was looped to fill it.</summary>
    public required bool Looped { get; init; }
}
