using SampleMind.Search.Index.Internal;

namespace SampleMind.Search.Index;

public sealed partial class HnswIndex
{
    /// <summary>
    /// Adds (or replaces) many vectors, linking them on up to <see cref="HnswOptions.MaxDegreeOfParallelism"/>
    /// threads. <paramref name="vectors"/> holds <c>ids.Count × Dimensions</c> floats, row by row.
    /// Searches wait until the batch is in.
    /// </summary>
    public void AddRange(IReadOnlyList<string> ids, ReadOnlySpan<float> vectors)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (vectors.Length != (long)ids.Count * _dims)
        {
            throw new ArgumentException($"Expected {ids.Count} × {_dims} floats, got {vectors.Length}.", nameof(vectors));
        }

        _lock.EnterWriteLock();
        try
        {
            EnsureCapacity(_count + ids.Count);
            for (var i = 0; i < ids.Count; i++)
            {
                Allocate(ids[i], vectors.Slice(i * _dims, _dims));
            }

            LinkPending(all: true);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// Rebuilds the graph from the live vectors only, dropping tombstones; slots are renumbered.
    /// Returns how many tombstones were removed.
    /// </summary>
    public int Compact()
    {
        _lock.EnterWriteLock();
        try
        {
            var removed = _count - _live;
            if (removed == 0)
            {
                return 0;
            }

            var ids = new string[_live];
            var vectors = new float[_live * _dims];
            var n = 0;
            for (var slot = 0; slot < _count; slot++)
            {
                if (_deleted[slot] == 0)
                {
                    ids[n] = _ids[slot]!;
                    VectorOf(slot).CopyTo(vectors.AsSpan(n * _dims, _dims));
                    n++;
                }
            }

            ResetGraph();
            for (var i = 0; i < ids.Length; i++)
            {
                Allocate(ids[i], vectors.AsSpan(i * _dims, _dims));
            }

            LinkPending(all: true);
            return removed;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private void ResetGraph()
    {
        _slots.Clear();
        Array.Clear(_upper);
        Array.Clear(_ids);
        _count = 0;
        _live = 0;
        _entry = -1;
        _maxLevel = -1;
        _linkedCount = 0;
        _random = new Random(_options.Seed);
    }

    /// <summary>
    /// Links the slots allocated since the last link. Nothing is linked while the index is small enough for every search
    /// to be an exact scan (<see cref="HnswOptions.ExactSearchThreshold"/>), and the first insert past it links every
    /// slot at once; after that, unless <paramref name="all"/>, slots wait until <see cref="HnswOptions.LinkBatch"/> have
    /// gathered (graph searches scan them exactly meanwhile). Callers hold the write lock.
    /// </summary>
    private void LinkPending(bool all = false)
    {
        var waiting = _count - _linkedCount;
        if (waiting == 0
            || (_linkedCount == 0 && _count <= _options.ExactSearchThreshold)
            || (_linkedCount > 0 && !all && waiting < _options.LinkBatch))
        {
            return;
        }

        LinkRange(_linkedCount, _count);
        _linkedCount = _count;
    }

    /// <summary>How many times <see cref="ReachEveryNode"/> walks layer 0 again after linking nodes back.</summary>
    private const int MaxReconnectPasses = 4;

    private void LinkRange(int from, int to)
    {
        if (from >= to)
        {
            return;
        }

        var scratch = RentScratch();
        Link(from, scratch, locked: false);
        _scratch.Add(scratch);
        var degree = Math.Min(_options.MaxDegreeOfParallelism, to - from - 1);
        if (degree <= 1)
        {
            scratch = RentScratch();
            for (var slot = from + 1; slot < to; slot++)
            {
                Link(slot, scratch, locked: false);
            }

            _scratch.Add(scratch);
            return;
        }

        Parallel.For(
            from + 1,
            to,
            new ParallelOptions { MaxDegreeOfParallelism = degree },
            RentScratch,
            (slot, _, s) =>
            {
                Link(slot, s, locked: true);
                return s;
            },
            _scratch.Add);
        // A walk of the whole layer per batch would cost a large graph more than its batches; one when the batch at least
        // doubles the graph (its first linking, a rebuild) costs, summed, about one walk of the final graph.
        if (to - from >= from)
        {
            ReachEveryNode(to);
        }
    }

    /// <summary>
    /// After a parallel build, links back every node of layer 0 that the entry point no longer reaches. Inserts running
    /// at once re-select each other's neighbour lists, and, rarely, every way into a node is re-selected away (one node in
    /// 10,000 in one run of many): searches would never find it. Such a node gets a way in from the nearest node it links
    /// to that is reached (the entry point in a last pass, if none is), which gives up its farthest link when its list is
    /// full; the walk is repeated, since that link may have been another node's only way in, a few times at most. Nodes
    /// linked one at a time (a sequential build) are left as they are, so sequential builds stay identical. Run after a
    /// batch that at least doubles the graph; a later, smaller batch leaves such a node as HNSW leaves it.
    /// </summary>
    private void ReachEveryNode(int count)
    {
        var reached = new bool[count];
        var queue = new Queue<int>();
        for (var pass = 0; pass < MaxReconnectPasses; pass++)
        {
            Array.Clear(reached);
            Walk(_entry, reached, queue);
            var missing = false;
            for (var node = 0; node < count; node++)
            {
                if (reached[node])
                {
                    continue;
                }

                var from = -1;
                foreach (var next in LinksOf(node))
                {
                    if (reached[next])
                    {
                        from = next;
                        break;
                    }
                }

                if (from < 0 && pass < MaxReconnectPasses - 1)
                {
                    // Its links lead only to nodes not reached yet: one of them may be linked back later in this pass.
                    missing = true;
                    continue;
                }

                LinkBack(from < 0 ? _entry : from, node);
                missing = true;
                Walk(node, reached, queue);
            }

            if (!missing)
            {
                return;
            }
        }
    }

    /// <summary>Adds the layer-0 link <paramref name="from"/> → <paramref name="node"/>, in place of the farthest one when the list is full.</summary>
    private void LinkBack(int from, int node)
    {
        var list = Links(from, 0);
        var length = list[0];
        if (length < list.Length - 1)
        {
            list[1 + length] = node;
            list[0] = length + 1;
            return;
        }

        var vector = VectorOf(from);
        var farthest = 1;
        for (var i = 2; i <= length; i++)
        {
            if (Distance(vector, list[i]) > Distance(vector, list[farthest]))
            {
                farthest = i;
            }
        }

        list[farthest] = node;
    }

    private ReadOnlySpan<int> LinksOf(int node)
    {
        var links = Links(node, 0);
        return links.Slice(1, links[0]);
    }

    /// <summary>Marks every node layer 0 reaches from <paramref name="start"/>.</summary>
    private void Walk(int start, bool[] reached, Queue<int> queue)
    {
        if (reached[start])
        {
            return;
        }

        reached[start] = true;
        queue.Enqueue(start);
        while (queue.TryDequeue(out var node))
        {
            foreach (var next in LinksOf(node))
            {
                if (!reached[next])
                {
                    reached[next] = true;
                    queue.Enqueue(next);
                }
            }
        }
    }

    /// <summary>Inserts an allocated node into the graph (Malkov and Yashunin, algorithm 1).</summary>
    private void Link(int node, SearchScratch s, bool locked)
    {
        int level = _levels[node];
        int ep;
        int top;
        lock (_entryLock)
        {
            ep = _entry;
            top = _maxLevel;
            if (ep < 0)
            {
                _entry = node;
                _maxLevel = level;
                return;
            }
        }

        var query = VectorOf(node);
        for (var l = top; l > level; l--)
        {
            ep = Greedy(query, ep, l, s, locked);
        }

        Span<int> chosen = stackalloc int[_m];
        for (var l = Math.Min(top, level); l >= 0; l--)
        {
            SearchLayer(query, ep, _options.EfConstruction, l, s, locked, new AdmitAll());
            var found = s.DrainResults();
            ep = s.Found[0];
            var n = SelectNeighbours(node, s.Found.AsSpan(0, found), s.FoundKeys.AsSpan(0, found), chosen);
            SetLinks(node, l, chosen[..n], s, locked);
            for (var i = 0; i < n; i++)
            {
                AddLink(chosen[i], node, l, s, locked);
            }
        }

        if (level > top)
        {
            lock (_entryLock)
            {
                if (level > _maxLevel)
                {
                    _entry = node;
                    _maxLevel = level;
                }
            }
        }
    }

    /// <summary>
    /// The neighbour-selection heuristic (algorithm 4): walks candidates nearest first and keeps one only when it is
    /// closer to the base than to every neighbour kept so far, which preserves links between clusters.
    /// </summary>
    private int SelectNeighbours(int exclude, ReadOnlySpan<int> candidates, ReadOnlySpan<float> distances, Span<int> chosen)
    {
        var count = 0;
        for (var i = 0; i < candidates.Length && count < chosen.Length; i++)
        {
            var c = candidates[i];
            if (c == exclude)
            {
                continue;
            }

            var good = true;
            var cv = VectorOf(c);
            for (var j = 0; j < count; j++)
            {
                if (Distance(cv, chosen[j]) < distances[i])
                {
                    good = false;
                    break;
                }
            }

            if (good)
            {
                chosen[count++] = c;
            }
        }

        return count;
    }

    /// <summary>
    /// Gives <paramref name="node"/> its selected links on <paramref name="level"/>. In a parallel build another insert
    /// may already have linked back to this node there (it found the node through a layer above, linked earlier):
    /// those links are merged, re-selecting when the list overflows, rather than overwritten, so that no other node
    /// loses its only way in.
    /// </summary>
    private void SetLinks(int node, int level, ReadOnlySpan<int> neighbours, SearchScratch s, bool locked)
    {
        if (!locked)
        {
            WriteLinks(Links(node, level), neighbours);
            return;
        }

        lock (_stripes[node & (StripeCount - 1)])
        {
            var list = Links(node, level);
            if (list[0] == 0)
            {
                WriteLinks(list, neighbours);
                return;
            }

            foreach (var neighbour in neighbours)
            {
                AddLinkUnlocked(node, neighbour, level, s);
            }
        }
    }

    private static void WriteLinks(Span<int> list, ReadOnlySpan<int> neighbours)
    {
        neighbours.CopyTo(list[1..]);
        list[0] = neighbours.Length;
    }

    /// <summary>Adds the back link <paramref name="target"/> → <paramref name="node"/>, re-selecting when full.</summary>
    private void AddLink(int target, int node, int level, SearchScratch s, bool locked)
    {
        if (locked)
        {
            lock (_stripes[target & (StripeCount - 1)])
            {
                AddLinkUnlocked(target, node, level, s);
            }
        }
        else
        {
            AddLinkUnlocked(target, node, level, s);
        }
    }

    private void AddLinkUnlocked(int target, int node, int level, SearchScratch s)
    {
        var list = Links(target, level);
        var count = list[0];
        var max = list.Length - 1;
        if (list.Slice(1, count).Contains(node))
        {
            return;
        }

        if (count < max)
        {
            list[1 + count] = node;
            list[0] = count + 1;
            return;
        }

        var nodes = s.SelectNodes;
        var keys = s.SelectKeys;
        var tv = VectorOf(target);
        for (var i = 0; i < count; i++)
        {
            nodes[i] = list[1 + i];
            keys[i] = Distance(tv, nodes[i]);
        }

        nodes[count] = node;
        keys[count] = Distance(tv, node);
        Array.Sort(keys, nodes, 0, count + 1);
        var kept = SelectNeighbours(target, nodes.AsSpan(0, count + 1), keys.AsSpan(0, count + 1), s.Chosen.AsSpan(0, max));
        WriteLinks(list, s.Chosen.AsSpan(0, kept));
    }
}
