using System.Buffers;
using SampleMind.Search.Index.Internal;

namespace SampleMind.Search.Index;

public sealed partial class HnswIndex
{
    private const int SelectivitySamples = 512;

    /// <inheritdoc />
    public IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int k, Func<string, bool>? filter = null) =>
        SearchFiltered(query, k, filter is null ? null : new IdFilter(filter, IdOf));

    /// <summary>
    /// The <paramref name="k"/> nearest live vectors whose slots pass <paramref name="filter"/>, nearest first.
    /// </summary>
    /// <remarks>
    /// With a filter, the selectivity is estimated on a sample of slots. When fewer than
    /// <see cref="HnswOptions.ExactSearchThreshold"/> vectors are expected to match (or the index is that small), or
    /// when scanning is expected to cost less than the graph walk (see <see cref="HnswOptions.ExactScanCost"/>), the
    /// answer is exact: every matching slot is scored. Otherwise the graph is traversed with the filter applied on
    /// admission only, and ef is widened (up to <see cref="HnswOptions.MaxFilterWidening"/>) as the filter gets more selective. Should the traversal find fewer
    /// than k matches, the exact scan answers instead, so k results come back whenever at least k match.
    /// </remarks>
    /// <param name="query">The query vector (normalised here under cosine).</param>
    /// <param name="k">How many results at most.</param>
    /// <param name="filter">Which slots may be returned; all live slots when null.</param>
    /// <param name="efSearch">Overrides <see cref="HnswOptions.EfSearch"/> for this query (a recall/latency trade).</param>
    public IReadOnlyList<VectorHit> SearchFiltered(ReadOnlySpan<float> query, int k, ISlotFilter? filter, int? efSearch = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        CheckDimensions(query.Length);
        var buffer = ArrayPool<float>.Shared.Rent(_dims);
        var q = buffer.AsSpan(0, _dims);
        query.CopyTo(q);
        if (_metric == VectorMetric.Cosine)
        {
            Normalise(q);
        }

        var ef = Math.Max(efSearch ?? _options.EfSearch, k);
        _lock.EnterReadLock();
        var s = RentScratch();
        try
        {
            return _live == 0 ? [] : filter is null ? SearchLive(q, k, ef, s) : SearchMatching(q, k, ef, filter, s);
        }
        finally
        {
            _scratch.Add(s);
            _lock.ExitReadLock();
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    /// <summary>The exact k nearest live vectors passing <paramref name="filter"/>, by brute force (ground truth).</summary>
    public IReadOnlyList<VectorHit> SearchExact(ReadOnlySpan<float> query, int k, ISlotFilter? filter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        CheckDimensions(query.Length);
        var q = query.ToArray();
        if (_metric == VectorMetric.Cosine)
        {
            Normalise(q);
        }

        _lock.EnterReadLock();
        var s = RentScratch();
        try
        {
            return filter is null ? Exact(q, k, new AdmitLive(_deleted), s) : Exact(q, k, new AdmitMatching(_deleted, filter), s);
        }
        finally
        {
            _scratch.Add(s);
            _lock.ExitReadLock();
        }
    }

    private IReadOnlyList<VectorHit> SearchLive(ReadOnlySpan<float> q, int k, int ef, SearchScratch s)
    {
        var admission = new AdmitLive(_deleted);
        if (_count <= _options.ExactSearchThreshold)
        {
            return Exact(q, k, admission, s);
        }

        var hits = Graph(q, k, ef, admission, s)!;
        return hits.Length < Math.Min(k, _live) ? Exact(q, k, admission, s) : hits;
    }

    private IReadOnlyList<VectorHit> SearchMatching(ReadOnlySpan<float> q, int k, int ef, ISlotFilter filter, SearchScratch s)
    {
        var admission = new AdmitMatching(_deleted, filter);
        var selectivity = EstimateSelectivity(filter);
        var matches = selectivity * _live;
        var widened = (int)(ef * Math.Clamp(0.1 / Math.Max(selectivity, 1e-9), 1.0, _options.MaxFilterWidening));
        var exactCost = (_options.ExactScanCost * _count) + matches;
        // Admitting ef' matches takes about ef' / selectivity expansions, each evaluating several new neighbours.
        var graphCost = 16.0 * widened / Math.Max(selectivity, 1e-9);
        if (_count <= _options.ExactSearchThreshold || matches < _options.ExactSearchThreshold || exactCost <= graphCost)
        {
            return Exact(q, k, admission, s);
        }

        var budget = (int)Math.Min(int.MaxValue, 2 * graphCost);
        var hits = Graph(q, k, widened, admission, s, budget);
        return hits is null || hits.Length < k ? Exact(q, k, admission, s) : hits;
    }

    /// <summary>The fraction of live slots passing the filter, on an evenly strided sample.</summary>
    private double EstimateSelectivity(ISlotFilter filter)
    {
        var step = Math.Max(1, _count / SelectivitySamples);
        var seen = 0;
        var hits = 0;
        for (var slot = 0; slot < _count; slot += step)
        {
            if (_deleted[slot] != 0)
            {
                continue;
            }

            seen++;
            if (filter.Matches(slot))
            {
                hits++;
            }
        }

        return seen == 0 ? 0 : (double)hits / seen;
    }

    /// <summary>The graph answer, or null when layer 0 took more than <paramref name="maxVisits"/> distance evaluations.</summary>
    private VectorHit[]? Graph<TAdmission>(
        ReadOnlySpan<float> q, int k, int ef, TAdmission admission, SearchScratch s, int maxVisits = int.MaxValue)
        where TAdmission : struct, IAdmission
    {
        var ep = _entry;
        for (var l = _maxLevel; l > 0; l--)
        {
            ep = Greedy(q, ep, l, s, locked: false);
        }

        if (!SearchLayer(q, ep, ef, 0, s, locked: false, admission, maxVisits))
        {
            return null;
        }

        // The vectors waiting to be linked (fewer than LinkBatch) are not in the graph: they are scored one by one.
        Scan(q, _linkedCount, ef, admission, s);
        return Collect(s, k);
    }

    private VectorHit[] Exact<TAdmission>(ReadOnlySpan<float> q, int k, TAdmission admission, SearchScratch s)
        where TAdmission : struct, IAdmission
    {
        s.Results.Clear();
        Scan(q, 0, k, admission, s);
        return Collect(s, k);
    }

    /// <summary>Scores the admitted slots from <paramref name="from"/> on into the results, keeping the nearest <paramref name="keep"/>.</summary>
    private void Scan<TAdmission>(ReadOnlySpan<float> q, int from, int keep, TAdmission admission, SearchScratch s)
        where TAdmission : struct, IAdmission
    {
        var results = s.Results;
        for (var slot = from; slot < _count; slot++)
        {
            if (!admission.Admit(slot))
            {
                continue;
            }

            var d = Distance(q, slot);
            if (results.Count < keep)
            {
                results.Push(-d, slot);
            }
            else if (d < -results.TopKey)
            {
                results.Pop();
                results.Push(-d, slot);
            }
        }
    }

    private VectorHit[] Collect(SearchScratch s, int k)
    {
        var n = s.DrainResults();
        var hits = new VectorHit[Math.Min(n, k)];
        for (var i = 0; i < hits.Length; i++)
        {
            hits[i] = new VectorHit(_ids[s.Found[i]]!, s.Found[i], PublicDistance(s.FoundKeys[i]));
        }

        return hits;
    }

    /// <summary>Greedy descent on an upper layer: moves to the closest neighbour until none is closer.</summary>
    private int Greedy(ReadOnlySpan<float> q, int ep, int level, SearchScratch s, bool locked)
    {
        var best = Distance(q, ep);
        var changed = true;
        while (changed)
        {
            changed = false;
            var n = CopyNeighbours(ep, level, s.Neighbours, locked);
            for (var i = 0; i < n; i++)
            {
                var c = s.Neighbours[i];
                var d = Distance(q, c);
                if (d < best)
                {
                    best = d;
                    ep = c;
                    changed = true;
                }
            }
        }

        return ep;
    }

    /// <summary>
    /// Best-first search of one layer (algorithm 2). Every reached node is walked through; only admitted nodes enter
    /// the results, and the walk goes on until <paramref name="ef"/> admitted results are held and the nearest
    /// unexpanded candidate is farther than the worst of them. Returns false (results incomplete) when more than
    /// <paramref name="maxVisits"/> distances were evaluated, which bounds a filtered walk that finds too few matches.
    /// </summary>
    private bool SearchLayer<TAdmission>(
        ReadOnlySpan<float> q, int ep, int ef, int level, SearchScratch s, bool locked, TAdmission admission,
        int maxVisits = int.MaxValue)
        where TAdmission : struct, IAdmission
    {
        var visits = 0;
        s.BeginVisit(_capacity);
        var candidates = s.Candidates;
        var results = s.Results;
        candidates.Clear();
        results.Clear();
        s.TryVisit(ep);
        var d0 = Distance(q, ep);
        candidates.Push(d0, ep);
        if (admission.Admit(ep))
        {
            results.Push(-d0, ep);
        }

        var neighbours = s.Neighbours;
        while (candidates.Count > 0)
        {
            if (results.Count >= ef && candidates.TopKey > -results.TopKey)
            {
                break;
            }

            var n = TakeUnvisited(candidates.Pop(), level, s, locked);
            visits += n;
            if (visits > maxVisits)
            {
                return false;
            }

            for (var i = 0; i < n; i++)
            {
                var c = neighbours[i];
                var d = Distance(q, c);
                if (results.Count < ef || d < -results.TopKey)
                {
                    candidates.Push(d, c);
                    if (admission.Admit(c))
                    {
                        results.Push(-d, c);
                        if (results.Count > ef)
                        {
                            results.Pop();
                        }
                    }
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Copies the neighbours of <paramref name="node"/> not visited yet into <see cref="SearchScratch.Neighbours"/>,
    /// marks them visited and prefetches their vectors, so the memory loads of a whole list overlap before any of
    /// them is scored. Returns how many were taken.
    /// </summary>
    private int TakeUnvisited(int node, int level, SearchScratch s, bool locked)
    {
        var neighbours = s.Neighbours;
        var n = CopyNeighbours(node, level, neighbours, locked);
        var fresh = 0;
        var rowBytes = _dims * sizeof(float);
        for (var i = 0; i < n; i++)
        {
            var c = neighbours[i];
            if (s.TryVisit(c))
            {
                neighbours[fresh++] = c;
                VectorKernels.Prefetch(ref Row(c), rowBytes);
            }
        }

        return fresh;
    }

    private int CopyNeighbours(int node, int level, int[] destination, bool locked)
    {
        if (!locked)
        {
            return CopyList(Links(node, level), destination);
        }

        lock (_stripes[node & (StripeCount - 1)])
        {
            return CopyList(Links(node, level), destination);
        }
    }

    private static int CopyList(ReadOnlySpan<int> list, int[] destination)
    {
        var n = list[0];
        list.Slice(1, n).CopyTo(destination);
        return n;
    }
}
