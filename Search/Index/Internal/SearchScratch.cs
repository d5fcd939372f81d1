namespace SampleMind.Search.Index.Internal;

/// <summary>
/// Per-search working memory, pooled by the index so a search allocates nothing per node visit:
/// a generation-stamped visited set, the candidate and result heaps, and neighbour/selection buffers.
/// </summary>
internal sealed class SearchScratch
{
    private int[] _visited = [];
    private int _generation;

    public SearchScratch(int maxDegree)
    {
        Neighbours = new int[maxDegree + 1];
        SelectNodes = new int[maxDegree + 2];
        SelectKeys = new float[maxDegree + 2];
        Chosen = new int[maxDegree + 2];
    }

    public DistanceHeap Candidates { get; } = new(256);

    public DistanceHeap Results { get; } = new(256);

    public int[] Neighbours { get; }

    public int[] SelectNodes { get; }

    public float[] SelectKeys { get; }

    public int[] Chosen { get; }

    public int[] Found { get; private set; } = new int[256];

    public float[] FoundKeys { get; private set; } = new float[256];

    /// <summary>Starts a new visit over <paramref name="capacity"/> slots; clears the stamps only on wrap-around.</summary>
    public void BeginVisit(int capacity)
    {
        if (_visited.Length < capacity)
        {
            _visited = new int[capacity];
            _generation = 0;
        }

        if (++_generation == int.MaxValue)
        {
            Array.Clear(_visited);
            _generation = 1;
        }
    }

    /// <summary>Marks <paramref name="node"/> visited; false when it already was during this visit.</summary>
    public bool TryVisit(int node)
    {
        if (_visited[node] == _generation)
        {
            return false;
        }

        _visited[node] = _generation;
        return true;
    }

    /// <summary>Pops every result into <see cref="Found"/>, nearest first; returns how many.</summary>
    public int DrainResults()
    {
        var n = Results.Count;
        if (Found.Length < n)
        {
            Found = new int[n * 2];
            FoundKeys = new float[n * 2];
        }

        for (var i = n - 1; i >= 0; i--)
        {
            FoundKeys[i] = -Results.TopKey;
            Found[i] = Results.Pop();
        }

        return n;
    }
}
