using System.Text;
using SampleMind.Search.Filters;
using SampleMind.Search.Index;
using SampleMind.Search.Ranking;
using SampleMind.Search.Text;

namespace SampleMind.Search;

/// <summary>
/// One shard (a library): an <see cref="HnswIndex"/> of embeddings plus the samples' features, answering
/// query-by-example, text and filtered searches with explained scores. Merge shards with <see cref="ShardedSearch"/>.
/// </summary>
/// <remarks>Thread-safety: concurrent searches, one writer at a time (a <see cref="ReaderWriterLockSlim"/>).</remarks>
public sealed class SearchEngine : IDisposable
{
    private const int RerankFactor = 5;
    private const int MinimumPool = 50;

    /// <summary>
    /// Stands between a slot's name, path and tags in its words: no query word matches it, so that a term of several
    /// words ("bass hardcore") is not found with its first word ending the name and the next beginning the path.
    /// </summary>
    private const string SegmentBreak = "";

    private readonly HnswIndex _index;
    private readonly FeatureTable _table = new();
    private readonly RankingWeights _weights;
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private IReadOnlyList<string>?[] _words = new IReadOnlyList<string>?[1024];

    // How many of a slot's words come from its name and path (the rest from its tags): descriptors count name words only.
    private int[] _nameWords = new int[1024];

    /// <summary>Creates an empty shard for embeddings of <paramref name="dimensions"/>.</summary>
    public SearchEngine(int dimensions, VectorMetric metric = VectorMetric.Cosine, HnswOptions? options = null, RankingWeights? weights = null)
        : this(new HnswIndex(dimensions, metric, options), weights)
    {
    }

    private SearchEngine(HnswIndex index, RankingWeights? weights)
    {
        _index = index;
        _weights = weights ?? new RankingWeights();
    }

    /// <summary>The vector index underneath (for its statistics and persistence).</summary>
    public HnswIndex Index => _index;

    /// <summary>The number of samples held.</summary>
    public int Count => _index.Count;

    /// <summary>Builds a shard from (features, vector) pairs, linking on several threads.</summary>
    public static SearchEngine Build(
        IEnumerable<IndexedSample> samples, int dimensions, VectorMetric metric = VectorMetric.Cosine,
        HnswOptions? options = null, RankingWeights? weights = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var engine = new SearchEngine(dimensions, metric, options, weights);
        engine.AddRange([.. samples]);
        return engine;
    }

    /// <summary>
    /// Restores a shard from an index written by <see cref="SaveIndex"/> (memory-mapped) and the samples' features
    /// (kept by the grains); features of ids the index does not hold are ignored.
    /// </summary>
    public static SearchEngine Load(string indexPath, IEnumerable<SampleFeatures> features, RankingWeights? weights = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        var engine = new SearchEngine(HnswIndex.LoadMapped(indexPath), weights);
        foreach (var f in features)
        {
            var slot = engine._index.SlotOf(f.SampleId);
            if (slot >= 0)
            {
                engine.SetSlot(slot, f);
            }
        }

        return engine;
    }

    /// <summary>Writes the vector index to <paramref name="path"/> (features stay with the grains).</summary>
    public void SaveIndex(string path) => _index.Save(path);

    /// <summary>Adds or replaces one sample.</summary>
    public void Upsert(SampleFeatures features, ReadOnlySpan<float> vector)
    {
        ArgumentNullException.ThrowIfNull(features);
        _lock.EnterWriteLock();
        try
        {
            ClearSlot(_index.SlotOf(features.SampleId));
            _index.Upsert(features.SampleId, vector);
            SetSlot(_index.SlotOf(features.SampleId), features);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Adds or replaces many samples, linking them on several threads.</summary>
    public void AddRange(IReadOnlyList<IndexedSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var dims = _index.Dimensions;
        var ids = new string[samples.Count];
        var vectors = new float[samples.Count * dims];
        for (var i = 0; i < samples.Count; i++)
        {
            ids[i] = samples[i].Features.SampleId;
            samples[i].Vector.AsSpan().CopyTo(vectors.AsSpan(i * dims, dims));
        }

        _lock.EnterWriteLock();
        try
        {
            foreach (var id in ids)
            {
                ClearSlot(_index.SlotOf(id));
            }

            _index.AddRange(ids, vectors);
            foreach (var sample in samples)
            {
                SetSlot(_index.SlotOf(sample.Features.SampleId), sample.Features);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Removes a sample; false when absent.</summary>
    public bool Remove(string sampleId)
    {
        _lock.EnterWriteLock();
        try
        {
            ClearSlot(_index.SlotOf(sampleId));
            return _index.Delete(sampleId);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>The features of a sample, or null.</summary>
    public SampleFeatures? GetFeatures(string sampleId)
    {
        _lock.EnterReadLock();
        try
        {
            return _table[_index.SlotOf(sampleId)];
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>The features of every sample held (a snapshot).</summary>
    public IReadOnlyList<SampleFeatures> Snapshot()
    {
        _lock.EnterReadLock();
        try
        {
            var all = new List<SampleFeatures>(_index.Count);
            for (var slot = 0; slot < _index.SlotCount; slot++)
            {
                if (_table[slot] is { } f)
                {
                    all.Add(f);
                }
            }

            return all;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Rebuilds the index without tombstones (slots are renumbered); returns how many were dropped.</summary>
    public int Compact()
    {
        _lock.EnterWriteLock();
        try
        {
            var features = new List<SampleFeatures>();
            for (var slot = 0; slot < _index.SlotCount; slot++)
            {
                if (_table[slot] is { } f)
                {
                    features.Add(f);
                    ClearSlot(slot);
                }
            }

            var removed = _index.Compact();
            foreach (var f in features)
            {
                SetSlot(_index.SlotOf(f.SampleId), f);
            }

            return removed;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Parses <paramref name="text"/> and searches, ranked by <paramref name="vector"/> too when given.</summary>
    public IReadOnlyList<SearchHit> Search(string text, int k = 10, float[]? vector = null) =>
        Search(new SearchRequest { Text = TextQueryParser.Parse(text), K = k, Vector = vector });

    /// <summary>
    /// Runs a search: candidates are the samples passing the combined filter (and not carrying an excluded word);
    /// with a vector, the nearest <c>5k</c> (at least 50) of them are re-ranked by the combined score, otherwise every
    /// candidate is scored; then, when the text query has name/path terms, a candidate must match at least one of them
    /// (without a vector the terms select, with a vector they only boost). Results come best first, each with an explanation.
    /// </summary>
    public IReadOnlyList<SearchHit> Search(SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.K, 1);
        var filter = FilterCombiner.Combine(request.Filter, request.Text?.Filter);
        var scorer = new Scorer(_weights, request.Text, filter);
        _lock.EnterReadLock();
        try
        {
            var slotFilter = new EngineFilter(_table.Compile(filter), _words, request.Text?.ExcludedTerms ?? []);
            var scored = request.Vector is { } vector
                ? ScoreNeighbours(vector, request.K, slotFilter, scorer)
                : ScoreAll(slotFilter, scorer, request.Text?.Terms ?? []);
            // Ties by sample id, as ShardedSearch.Merge breaks them: a slot is the order a sample came in, which a rebuild changes.
            scored.Sort((a, b) => b.Score != a.Score
                ? b.Score.CompareTo(a.Score)
                : string.CompareOrdinal(_table[a.Slot]!.SampleId, _table[b.Slot]!.SampleId));
            return Explain(scored, request.K, scorer);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _lock.Dispose();
        _index.Dispose();
    }

    private List<(int Slot, double Score, double? Similarity)> ScoreNeighbours(float[] vector, int k, EngineFilter filter, Scorer scorer)
    {
        var hits = _index.SearchFiltered(vector, Math.Max(k * RerankFactor, MinimumPool), filter);
        var scored = new List<(int, double, double?)>(hits.Count);
        foreach (var hit in hits)
        {
            double similarity = _index.Metric == VectorMetric.Cosine ? 1 - hit.Distance : 1 / (1 + hit.Distance);
            scored.Add((hit.Slot, scorer.Score(_table[hit.Slot]!, _words[hit.Slot]!, _nameWords[hit.Slot], similarity, null), similarity));
        }

        return scored;
    }

    private List<(int Slot, double Score, double? Similarity)> ScoreAll(EngineFilter filter, Scorer scorer, IReadOnlyList<QueryTerm> terms)
    {
        var scored = new List<(int, double, double?)>();
        for (var slot = 0; slot < _index.SlotCount; slot++)
        {
            if (filter.Matches(slot) && MatchesAnyTerm(_words[slot]!, terms))
            {
                scored.Add((slot, scorer.Score(_table[slot]!, _words[slot]!, _nameWords[slot], null, null), null));
            }
        }

        return scored;
    }

    private static bool MatchesAnyTerm(IReadOnlyList<string> words, IReadOnlyList<QueryTerm> terms)
    {
        if (terms.Count == 0)
        {
            return true;
        }

        foreach (var term in terms)
        {
            if (NameTokenizer.Matches(words, term))
            {
                return true;
            }
        }

        return false;
    }

    private List<SearchHit> Explain(List<(int Slot, double Score, double? Similarity)> scored, int k, Scorer scorer)
    {
        var hits = new List<SearchHit>(Math.Min(k, scored.Count));
        for (var i = 0; i < scored.Count && i < k; i++)
        {
            var (slot, score, similarity) = scored[i];
            var features = _table[slot]!;
            var why = new StringBuilder();
            scorer.Score(features, _words[slot]!, _nameWords[slot], similarity, why);
            hits.Add(new SearchHit(features.SampleId, score, why.ToString()) { LibraryId = features.LibraryId, Path = features.Path, Similarity = similarity });
        }

        return hits;
    }

    private void SetSlot(int slot, SampleFeatures features)
    {
        _table.Set(slot, features);
        if (slot >= _words.Length)
        {
            Array.Resize(ref _words, Math.Max(slot + 1, _words.Length * 2));
            Array.Resize(ref _nameWords, _words.Length);
        }

        List<string> words = [.. NameTokenizer.Tokenize(features.Name), SegmentBreak, .. NameTokenizer.Tokenize(features.Path)];
        _nameWords[slot] = words.Count;
        foreach (var tag in features.Tags)
        {
            words.Add(SegmentBreak);
            words.AddRange(NameTokenizer.Tokenize(tag));
        }

        _words[slot] = words;
    }

    private void ClearSlot(int slot)
    {
        if (slot >= 0)
        {
            _table.Clear(slot);
            _words[slot] = null;
        }
    }
}
