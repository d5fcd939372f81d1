namespace SampleMind.Audio;

/// <summary>How much an analysis computes; each level includes the one before.</summary>
public enum AnalysisLevel
{
    /// <summary>Format facts, loudness, duration, fingerprint, defects found while decoding.</summary>
    Fast,

    /// <summary>Adds tempo, loop decision, key, pitch, timbre, all defects and the embedding.</summary>
    Standard,

    /// <summary>Adds chords over time, the beat grid and the onset list.</summary>
    Full,
}
