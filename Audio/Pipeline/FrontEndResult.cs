namespace SampleMind.Audio.Pipeline;

/// <summary>What the front end measured on the original channels.</summary>
internal sealed record FrontEndResult
{
    public required LoudnessInfo Loudness { get; init; }

    public required double DcOffset { get; init; }

    public required double StereoCorrelation { get; init; }

    public required double StereoWidth { get; init; }

    public required long ClippedSamples { get; init; }

    public required IReadOnlyList<TimeRange> ClipRanges { get; init; }

    public required long InvalidSamples { get; init; }
}
