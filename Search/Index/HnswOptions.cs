namespace SampleMind.Search.Index;

/// <summary>
/// Parameters of an <see cref="HnswIndex"/>. At the defaults (M 32, efConstruction 100, efSearch 800) recall@10 against
/// exact search is at least 0.95 on 1M random Gaussian vectors of dimension 64 (the hard case: intrinsic dimension 64;
/// measured 0.957 at ef 800, 0.80 at ef 320) and on 100k random (0.95 from ef 220) and clustered vectors; see the index
/// tests and bench/Search.Bench, whose <c>ef for recall&gt;=0.95</c> line finds the smallest ef for a given shard.
/// Lower <see cref="EfSearch"/> per query for smaller shards or clustered data such as real embeddings.
/// </summary>
public sealed record HnswOptions
{
    /// <summary>Links per node on the upper layers (layer 0 keeps twice as many). Default 32.</summary>
    public int M { get; init; } = 32;

    /// <summary>
    /// Candidate-list size while inserting; higher builds a better graph, slower. Default 100 (on 100k random 64-d
    /// vectors, 200 doubled the build time and lowered the ef needed for recall 0.95 only from 220 to 210).
    /// </summary>
    public int EfConstruction { get; init; } = 100;

    /// <summary>
    /// Candidate-list size while searching (raised to k when k is larger): recall and query cost both grow with it.
    /// Default 800, what 1M random 64-d vectors need for recall@10 0.95 (an index loaded from a file keeps the value
    /// it was saved with).
    /// </summary>
    public int EfSearch { get; init; } = 800;

    /// <summary>
    /// Filtered searches whose estimated number of matching vectors is below this (and any search on an index
    /// holding no more than this many vectors) are answered by exact brute force over the matching slots. Default 2048.
    /// An index no larger than this keeps no graph: its vectors are linked when it outgrows the threshold.
    /// </summary>
    public int ExactSearchThreshold { get; init; } = 2048;

    /// <summary>
    /// Most that a filtered graph search widens ef by as the filter gets more selective (×(0.1 / selectivity), capped
    /// here). Default 2.
    /// </summary>
    public double MaxFilterWidening { get; init; } = 2.0;

    /// <summary>
    /// Cost of checking one slot in an exact filtered scan, relative to one distance evaluation of a graph visit.
    /// A filtered search scans exactly when <c>ExactScanCost × slots + matches</c> is below the graph's expected
    /// <c>16 × ef / selectivity</c> distance evaluations. Default 0.1; a large value always prefers the graph.
    /// </summary>
    public double ExactScanCost { get; init; } = 0.1;

    /// <summary>Seed of the level generator, so builds are reproducible. Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Slots allocated up front; the arrays double when full. Default 1024.</summary>
    public int InitialCapacity { get; init; } = 1024;

    /// <summary>Threads used by <see cref="HnswIndex.AddRange"/>. Default: the processor count.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Vectors upserted into an index that has its graph wait unlinked, found by an exact scan of them that every graph
    /// search adds, until this many have gathered; then they are linked together on <see cref="MaxDegreeOfParallelism"/>
    /// threads (and saving links them first). A writer's insert is then a copy, and linking runs in parallel batches
    /// instead of one vector at a time. 1 links each upsert at once. Default 1024.
    /// </summary>
    public int LinkBatch { get; init; } = 1024;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a parameter is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(M, 2, nameof(M));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(M, 256, nameof(M));
        ArgumentOutOfRangeException.ThrowIfLessThan(EfConstruction, M, nameof(EfConstruction));
        ArgumentOutOfRangeException.ThrowIfLessThan(EfSearch, 1, nameof(EfSearch));
        ArgumentOutOfRangeException.ThrowIfNegative(ExactSearchThreshold, nameof(ExactSearchThreshold));
        ArgumentOutOfRangeException.ThrowIfLessThan(InitialCapacity, 1, nameof(InitialCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFilterWidening, 1.0, nameof(MaxFilterWidening));
        ArgumentOutOfRangeException.ThrowIfNegative(ExactScanCost, nameof(ExactScanCost));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDegreeOfParallelism, 1, nameof(MaxDegreeOfParallelism));
        ArgumentOutOfRangeException.ThrowIfLessThan(LinkBatch, 1, nameof(LinkBatch));
    }
}
