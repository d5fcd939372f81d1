namespace SampleMind.Search.Index;

/// <summary>One nearest-neighbour result of a vector index.</summary>
/// <param name="Id">The external id the vector was added under.</param>
/// <param name="Slot">The index's internal slot of the vector (stable until compaction or reload).</param>
/// <param name="Distance">The distance to the query in the index's <see cref="VectorMetric"/>; smaller is closer.</param>
public readonly record struct VectorHit(string Id, int Slot, float Distance);
