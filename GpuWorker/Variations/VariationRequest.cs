namespace SampleMind.GpuWorker.Variations;

/// <summary>What a variation may change. Unset values let the variator choose mild, character-keeping changes.</summary>
public sealed record VariationRequest
{
    /// <summary>Pitch shift in semitones; null keeps the key.</summary>
    public double? PitchSemitones { get; init; }

    /// <summary>Output length ÷ input length; null picks a stretch by <see cref="Variance"/> (0.92–1.08 at the default).</summary>
    public double? TimeRatio { get; init; }

    /// <summary>Seeds every random choice: the same request and seed give the same variation.</summary>
    public int Seed { get; init; }

    /// <summary>How far from the source (0–1): the generative model's input, and the reach of the DSP changes. Default: 0.1.</summary>
    public float Variance { get; init; } = 0.1f;

    /// <summary>Whether loops may have their slices re-sequenced. Default: true.</summary>
    public bool AllowResequence { get; init; } = true;

    /// <summary>The longest a variation of <paramref name="variance"/> can stretch its source when no time ratio is asked for.</summary>
    public static double LongestRatio(double variance) => DspVariations.LongestRatio(variance);

    /// <summary>
    /// The seed of variation <paramref name="number"/> of compute request <paramref name="requestId"/>: the same for that
    /// request on every run (a request resumed after a crash makes the same files), different between requests (a new
    /// request for the same sample and parameters makes new variations).
    /// </summary>
    public static int SeedFor(string requestId, int number)
    {
        var digest = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{requestId}\n{number}"));
        return BitConverter.ToInt32(digest, 0);
    }
}
