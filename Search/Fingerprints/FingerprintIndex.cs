namespace SampleMind.Search.Fingerprints;

/// <summary>
/// Finds the samples of a library that share audio with a fingerprint (duplicates, re-exports, chopped or
/// re-encoded copies).
/// </summary>
/// <remarks>
/// Candidates come from an inverted index on sub-fingerprint bands (locality-sensitive hashing): each 32-bit frame
/// value is split into two 16-bit halves, each half a key in its own table. A frame that survived re-encoding with up
/// to a few flipped bits still shares at least one exact half with its original often enough; every shared half votes
/// for (sample, offset). The best-voted offsets are then verified exactly with <see cref="FingerprintComparer"/>
/// around the voted offset. Not thread-safe for writes.
/// </remarks>
public sealed class FingerprintIndex
{
    private const int Bands = 2;
    private const int MaxVerified = 64;
    private readonly List<long>?[] _postings = new List<long>?[Bands << 16];
    private readonly List<string?> _ids = [];
    private readonly List<uint[]?> _prints = [];
    private readonly Dictionary<string, int> _byId = new(StringComparer.Ordinal);

    /// <summary>How many samples are indexed.</summary>
    public int Count => _byId.Count;

    /// <summary>Adds (or replaces) the fingerprint of a sample.</summary>
    public void Add(string sampleId, uint[] fingerprint)
    {
        ArgumentNullException.ThrowIfNull(sampleId);
        ArgumentNullException.ThrowIfNull(fingerprint);
        Remove(sampleId);
        var internalId = _ids.Count;
        _ids.Add(sampleId);
        _prints.Add(fingerprint);
        _byId[sampleId] = internalId;
        for (var frame = 0; frame < fingerprint.Length; frame++)
        {
            for (var band = 0; band < Bands; band++)
            {
                var key = Key(fingerprint[frame], band);
                (_postings[key] ??= []).Add(((long)internalId << 32) | (uint)frame);
            }
        }
    }

    /// <summary>Removes a sample (its postings are skipped from then on); false when absent.</summary>
    public bool Remove(string sampleId)
    {
        if (!_byId.Remove(sampleId, out var internalId))
        {
            return false;
        }

        _ids[internalId] = null;
        _prints[internalId] = null;
        return true;
    }

    /// <summary>
    /// Samples sharing content with <paramref name="fingerprint"/>: similarity at least <paramref name="minSimilarity"/>
    /// over at least <paramref name="minOverlap"/> frames, best first.
    /// </summary>
    public IReadOnlyList<FingerprintHit> FindSimilar(uint[] fingerprint, double minSimilarity = 0.85, int minOverlap = 10, int maxResults = 20)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        var votes = new Dictionary<long, int>();
        for (var frame = 0; frame < fingerprint.Length; frame++)
        {
            for (var band = 0; band < Bands; band++)
            {
                if (_postings[Key(fingerprint[frame], band)] is not { } postings)
                {
                    continue;
                }

                foreach (var posting in postings)
                {
                    var sample = (int)(posting >> 32);
                    var offset = (int)(uint)posting - frame;
                    var key = ((long)sample << 32) | (uint)offset;
                    votes[key] = votes.GetValueOrDefault(key) + 1;
                }
            }
        }

        return Verify(fingerprint, votes, minSimilarity, minOverlap, maxResults);
    }

    private List<FingerprintHit> Verify(uint[] query, Dictionary<long, int> votes, double minSimilarity, int minOverlap, int maxResults)
    {
        var ranked = votes.Where(v => v.Value >= 2).OrderByDescending(v => v.Value).Take(MaxVerified);
        var best = new Dictionary<int, FingerprintMatch>();
        foreach (var (key, _) in ranked)
        {
            var sample = (int)(key >> 32);
            var offset = (int)(uint)key;
            if (_prints[sample] is not { } print)
            {
                continue;
            }

            var match = FingerprintComparer.Compare(query, print, offset - 2, offset + 2, minOverlap);
            if (match.Similarity >= minSimilarity && (!best.TryGetValue(sample, out var seen) || match.Similarity > seen.Similarity))
            {
                best[sample] = match;
            }
        }

        return [.. best
            .OrderByDescending(b => b.Value.Similarity)
            .ThenBy(b => _ids[b.Key], StringComparer.Ordinal)
            .Take(maxResults)
            .Select(b => new FingerprintHit(_ids[b.Key]!, b.Value))];
    }

    private static int Key(uint value, int band) => (band << 16) | (int)((value >> (16 * band)) & 0xFFFF);
}
