namespace SampleMind.Search.Index;

/// <summary>How distances between vectors are measured.</summary>
public enum VectorMetric
{
    /// <summary>
    /// Cosine distance, <c>1 - cos(a, b)</c>, in [0, 2]. Vectors are L2-normalised on insert and on query,
    /// so the distance is computed as <c>1 - dot(a, b)</c>.
    /// </summary>
    Cosine = 0,

    /// <summary>Euclidean (L2) distance.</summary>
    L2 = 1,
}
