namespace SampleMind.GpuWorker.Variations;

/// <summary>What a variation may change. Unset values let the variator choose mild, character-keeping changes.</summary>
public sealed record VariationRequest
{
    /// <summary>Pitch shift in semitones; null keeps the key.</summary>
    public double? PitchSemitones { get; init; }

    /// <summary>Output length ÷ input length; null picks a mild stretch (0.92–1.08) that keeps the duration class.</summary>
    public double? TimeRatio { get; init; }

    /// <summary>Seeds every random choice: the same request and seed give the same variation.</summary>
    public int Seed { get; init; }

    /// <summary>For the generative model: how far from the source (0–1). Default: 0.1.</summary>
    public float Variance { get; init; } = 0.1f;

    /// <summary>Whether loops may have their slices re-sequenced. Default: true.</summary>
    public bool AllowResequence { get; init; } = true;
}
