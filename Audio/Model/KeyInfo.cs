namespace SampleMind.Audio;

/// <summary>Key estimate: an ensemble of key profiles (Krumhansl-Kessler, Temperley, Shaath/EDMA) voting on chroma.</summary>
public sealed record KeyInfo
{
    /// <summary>The winning key.</summary>
    public required KeyCandidate Best { get; init; }

    /// <summary>0..1: margin of the winner over the runner-up, scaled, times the chroma's tonal clarity.</summary>
    public required double Confidence { get; init; }

    /// <summary>The three best keys, best first (the first is <see cref="Best"/>).</summary>
    public required IReadOnlyList<KeyCandidate> Top { get; init; }

    /// <summary>Mean chroma (12 values, C first, max-normalised) the estimate was made from.</summary>
    public required IReadOnlyList<double> Chroma { get; init; }
}
