namespace SampleMind.Search;

/// <summary>How the parts of a <see cref="SearchHit.Score"/> are weighed.</summary>
public sealed record RankingWeights
{
    /// <summary>Weight of the vector similarity (in [-1, 1] under cosine). Default 1.</summary>
    public double Similarity { get; init; } = 1.0;

    /// <summary>Added per preferred descriptor, scaled by its strength (1 for a tag). Default 0.15.</summary>
    public double Descriptor { get; init; } = 0.15;

    /// <summary>Added per query term found in the name, path or tags. Default 0.2.</summary>
    public double Term { get; init; } = 0.2;
}
