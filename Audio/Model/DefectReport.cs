namespace SampleMind.Audio;

/// <summary>All defects found, plus the measurements behind them.</summary>
public sealed record DefectReport
{
    /// <summary>The defects, most severe first.</summary>
    public required IReadOnlyList<Defect> Defects { get; init; }

    /// <summary>Noise floor (10th percentile of 23 ms frame RMS) in dBFS; null for digital silence.</summary>
    public double? NoiseFloorDbfs { get; init; }

    /// <summary>Largest absolute DC offset over channels (full scale = 1).</summary>
    public required double DcOffset { get; init; }

    /// <summary>Leading silence in seconds (below -60 dBFS).</summary>
    public required double LeadingSilenceSeconds { get; init; }

    /// <summary>Trailing silence in seconds (below -60 dBFS).</summary>
    public required double TrailingSilenceSeconds { get; init; }

    /// <summary>Samples at or above full scale (|x| ≥ 0.999) in runs of 3 or more, over all channels.</summary>
    public required long ClippedSamples { get; init; }

    /// <summary>Left/right correlation (-1..1); 1 for mono.</summary>
    public required double StereoCorrelation { get; init; }
}
