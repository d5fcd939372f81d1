namespace SampleMind.Search;

/// <summary>One ranked result of a search.</summary>
/// <param name="SampleId">The sample found.</param>
/// <param name="Score">The combined score; higher ranks first. Comparable across shards built with the same weights.</param>
/// <param name="Explanation">Why it ranks where it does, e.g. "similarity 0.91; dark +0.12; name matches 808 +0.20".</param>
public sealed record SearchHit(string SampleId, double Score, string Explanation)
{
    /// <summary>The library (shard) the sample belongs to, when known.</summary>
    public string? LibraryId { get; init; }

    /// <summary>The sample's path inside its library (its relative path as ingested), when known.</summary>
    public string? Path { get; init; }

    /// <summary>
    /// Duplicates only: where the query sample's audio lines up in this one, in seconds from its start (positive when
    /// this sample has that much extra material before the shared audio, negative when it starts inside it).
    /// </summary>
    public double? OffsetSeconds { get; init; }

    /// <summary>The vector similarity part of the score (cosine similarity, or 1 / (1 + L2)), when a vector was given.</summary>
    public double? Similarity { get; init; }
}
