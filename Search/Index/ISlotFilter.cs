namespace SampleMind.Search.Index;

/// <summary>
/// A predicate over an index's internal slots, checked while the HNSW graph is traversed:
/// nodes it rejects are still walked through but never admitted to the results.
/// Implementations must be thread-safe for reads and must not allocate per call.
/// </summary>
public interface ISlotFilter
{
    /// <summary>True when the vector stored in <paramref name="slot"/> may be returned.</summary>
    bool Matches(int slot);
}
