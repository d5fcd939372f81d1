namespace SampleMind.Audio;

/// <summary>Tempo estimate from the onset envelope of the shared STFT.</summary>
public sealed record TempoInfo
{
    /// <summary>Beats per minute (refined by regression over the tracked beats).</summary>
    public required double Bpm { get; init; }

    /// <summary>0..1: how periodic the onset envelope is at that tempo.</summary>
    public required double Confidence { get; init; }

    /// <summary>Half-time alternative (Bpm / 2).</summary>
    public required double HalfTimeBpm { get; init; }

    /// <summary>Double-time alternative (Bpm * 2).</summary>
    public required double DoubleTimeBpm { get; init; }

    /// <summary>Tracked beat times in seconds.</summary>
    public required IReadOnlyList<double> BeatTimes { get; init; }
}
