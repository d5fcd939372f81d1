namespace SampleMind.Audio;

/// <summary>A chord over a span of time (Viterbi-smoothed triad templates); "N" is no chord.</summary>
public sealed record ChordSegment
{
    /// <summary>Start in seconds.</summary>
    public required double Start { get; init; }

    /// <summary>End in seconds.</summary>
    public required double End { get; init; }

    /// <summary>Label in Harte style, e.g. "C:maj", "A:min", "N".</summary>
    public required string Label { get; init; }
}
