namespace SampleMind.Audio;

/// <summary>
/// Everything the analysis knows about one sample. Immutable, with no cycles, and serialisable by
/// <see cref="AudioJsonContext"/>. Sections beyond the requested <see cref="Level"/> are null.
/// </summary>
public sealed record SampleAnalysis
{
    /// <summary>The level the analysis ran at.</summary>
    public required AnalysisLevel Level { get; init; }

    /// <summary>Container and stream facts.</summary>
    public required AudioFormatInfo Format { get; init; }

    /// <summary>Loudness and levels.</summary>
    public required LoudnessInfo Loudness { get; init; }

    /// <summary>Chromaprint fingerprint (every level).</summary>
    public required FingerprintInfo Fingerprint { get; init; }

    /// <summary>Tempo (Standard and Full); null when no periodicity is found.</summary>
    public TempoInfo? Tempo { get; init; }

    /// <summary>Loop or one-shot (Standard and Full).</summary>
    public LoopDecision? Loop { get; init; }

    /// <summary>Key (Standard and Full); null for atonal material.</summary>
    public KeyInfo? Key { get; init; }

    /// <summary>Pitch of a tonal one-shot (Standard and Full); null when not pitched.</summary>
    public PitchInfo? Pitch { get; init; }

    /// <summary>
    /// Pitch contour of the first 30 s of a melodic sample (Standard and Full): null for noise, drums, single held
    /// notes and anything without two distinct, confidently pitched notes.
    /// </summary>
    public MelodyContour? Melody { get; init; }

    /// <summary>Timbre descriptors and tags (Standard and Full).</summary>
    public TimbreInfo? Timbre { get; init; }

    /// <summary>Defects (Standard and Full).</summary>
    public DefectReport? Defects { get; init; }

    /// <summary>"Sounds like" vector (Standard and Full); layout in <see cref="EmbeddingBuilder"/>.</summary>
    public IReadOnlyList<float>? Embedding { get; init; }

    /// <summary>Chords over time (Full).</summary>
    public IReadOnlyList<ChordSegment>? Chords { get; init; }

    /// <summary>Beat grid (Full), when a tempo was found.</summary>
    public BeatGrid? BeatGrid { get; init; }

    /// <summary>Onset times in seconds (Full).</summary>
    public IReadOnlyList<double>? Onsets { get; init; }
}
