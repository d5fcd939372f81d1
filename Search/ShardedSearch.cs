namespace SampleMind.Search;

/// <summary>Cluster-wide search: merges the ranked hits of several shards (a tenant's libraries).</summary>
public static class ShardedSearch
{
    /// <summary>
    /// The best <paramref name="k"/> hits over all shards, by score descending then sample id; a sample returned by
    /// several shards counts once, with its best score.
    /// </summary>
    public static IReadOnlyList<SearchHit> Merge(IEnumerable<IReadOnlyList<SearchHit>> shards, int k)
    {
        ArgumentNullException.ThrowIfNull(shards);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var best = new Dictionary<string, SearchHit>(StringComparer.Ordinal);
        foreach (var shard in shards)
        {
            foreach (var hit in shard)
            {
                if (!best.TryGetValue(hit.SampleId, out var seen) || hit.Score > seen.Score)
                {
                    best[hit.SampleId] = hit;
                }
            }
        }

        var all = best.Values.ToList();
        all.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.SampleId, b.SampleId));
        return all.Count > k ? all.GetRange(0, k) : all;
    }
}
