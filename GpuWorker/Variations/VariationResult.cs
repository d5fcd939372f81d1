namespace SampleMind.GpuWorker.Variations;

/// <summary>
/// A variation: planar audio ([channel][sample]) at <see cref="SampleRate"/>, how it was made
/// (<see cref="Method"/>: "dsp" or "model:" + the model's name) and the steps applied, in order.
/// </summary>
public sealed record VariationResult(
    string Method,
    float[][] Audio,
    int SampleRate,
    IReadOnlyList<string> Steps)
{
    /// <summary>The steps as one sentence.</summary>
    public string Description => string.Join("; ", Steps);
}
