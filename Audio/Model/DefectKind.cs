namespace SampleMind.Audio;

/// <summary>The kinds of technical problem the defect detector reports.</summary>
public enum DefectKind
{
    /// <summary>Runs of samples at full scale.</summary>
    Clipping,

    /// <summary>A constant offset from zero.</summary>
    DcOffset,

    /// <summary>A high noise floor under the material.</summary>
    NoiseFloor,

    /// <summary>Silence before the first sound.</summary>
    LeadingSilence,

    /// <summary>Silence after the last sound.</summary>
    TrailingSilence,

    /// <summary>Isolated discontinuities (clicks, pops).</summary>
    Click,

    /// <summary>Channels out of phase (negative correlation): cancels in mono.</summary>
    PhaseProblem,

    /// <summary>The whole sample is very quiet.</summary>
    VeryLowLevel,

    /// <summary>Samples that were NaN or infinite (replaced by zero).</summary>
    InvalidSamples,

    /// <summary>The file holds fewer frames than its header promises: it was cut short (WAV, AIFF and FLAC tell).</summary>
    Truncated,
}
