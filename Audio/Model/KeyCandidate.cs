using SampleMind.Audio.Analysis;

namespace SampleMind.Audio;

/// <summary>One key hypothesis with its ensemble score.</summary>
public sealed record KeyCandidate
{
    /// <summary>Tonic pitch class 0..11 (0 = C).</summary>
    public required int TonicPitchClass { get; init; }

    /// <summary>Tonic name with sharps, e.g. "F#".</summary>
    public required string Tonic { get; init; }

    /// <summary>Major or minor.</summary>
    public required KeyMode Mode { get; init; }

    /// <summary>
    /// Camelot wheel code, e.g. "8B" for C major, "8A" for A minor: derived from the tonic and mode, so a record stored
    /// by an earlier version, which gave B major and G# minor 12B and 12A instead of 1B and 1A, reads back right.
    /// </summary>
    public string Camelot => PitchNames.Camelot(TonicPitchClass, Mode);

    /// <summary>Mean correlation of the chroma with the profiles of this key (-1..1).</summary>
    public required double Score { get; init; }

    /// <summary>Label such as "F# minor".</summary>
    public string Name => $"{Tonic} {(Mode == KeyMode.Major ? "major" : "minor")}";
}
