namespace SampleMind.Search.Index;

public sealed partial class HnswIndex
{
    /// <summary>The entry point of the graph (the node on the top layer), or -1 when empty. For tests and diagnostics.</summary>
    internal int EntryPoint => _entry;

    /// <summary>The top layer of the graph, or -1 when empty.</summary>
    internal int TopLevel => _maxLevel;

    /// <summary>The highest layer that <paramref name="slot"/> is linked on.</summary>
    internal int LevelOf(int slot) => _levels[slot];

    /// <summary>A copy of the neighbour list of <paramref name="slot"/> on <paramref name="level"/>.</summary>
    internal int[] NeighboursOf(int slot, int level)
    {
        _lock.EnterReadLock();
        try
        {
            var list = Links(slot, level);
            return list.Slice(1, list[0]).ToArray();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>The most links a node keeps on <paramref name="level"/>: 2M on layer 0, M above.</summary>
    internal int MaxLinks(int level) => level == 0 ? _m0 : _m;

    /// <summary>
    /// Runs the neighbour-selection heuristic for <paramref name="slot"/> over <paramref name="candidates"/> (sorted
    /// nearest first, with their internal distances to it) keeping at most <paramref name="max"/>.
    /// </summary>
    internal int[] SelectNeighboursFor(int slot, int[] candidates, float[] distances, int max)
    {
        var chosen = new int[max];
        var n = SelectNeighbours(slot, candidates, distances, chosen);
        return chosen[..n];
    }

    /// <summary>The internal distance between two stored nodes (squared under L2).</summary>
    internal float InternalDistance(int a, int b) => Distance(a, b);
}
