namespace SampleMind.Audio;

/// <summary>The beat grid: evenly spaced beats at the tempo, anchored to the tracked beats, with bar starts in 4/4.</summary>
public sealed record BeatGrid
{
    /// <summary>Seconds per beat.</summary>
    public required double BeatPeriodSeconds { get; init; }

    /// <summary>Time of the first grid beat in seconds.</summary>
    public required double FirstBeatSeconds { get; init; }

    /// <summary>Grid beat times in seconds.</summary>
    public required IReadOnlyList<double> Beats { get; init; }

    /// <summary>Bar start (downbeat) times, assuming 4/4 and the strongest beat phase.</summary>
    public required IReadOnlyList<double> Downbeats { get; init; }
}
