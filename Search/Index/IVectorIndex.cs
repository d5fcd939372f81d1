namespace SampleMind.Search.Index;

/// <summary>
/// A k-nearest-neighbour index over float vectors addressed by external string ids (sample ids).
/// <see cref="HnswIndex"/> is the in-process implementation; a Milvus-backed one could satisfy the same
/// contract (upsert, delete, filtered search, count, save/load).
/// </summary>
public interface IVectorIndex
{
    /// <summary>The dimension every vector must have.</summary>
    int Dimensions { get; }

    /// <summary>How distances are measured.</summary>
    VectorMetric Metric { get; }

    /// <summary>The number of live (not deleted) vectors.</summary>
    int Count { get; }

    /// <summary>Adds <paramref name="vector"/> under <paramref name="id"/>, replacing a vector already stored under it.</summary>
    void Upsert(string id, ReadOnlySpan<float> vector);

    /// <summary>Deletes the vector stored under <paramref name="id"/>; it is never returned again. False when absent.</summary>
    bool Delete(string id);

    /// <summary>True when a live vector is stored under <paramref name="id"/>.</summary>
    bool Contains(string id);

    /// <summary>
    /// The <paramref name="k"/> nearest live vectors to <paramref name="query"/> whose ids pass
    /// <paramref name="filter"/> (all when null), nearest first.
    /// </summary>
    IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int k, Func<string, bool>? filter = null);

    /// <summary>Writes the whole index to <paramref name="stream"/> in the implementation's versioned format.</summary>
    void Save(Stream stream);
}
