using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SampleMind.Audio;
using SampleMind.Grains.Abstractions.Samples;
using SampleMind.Grains.Abstractions.Search;
using SampleMind.Grains.Catalog;
using SampleMind.Grains.Hosting;
using SampleMind.Runtime;
using SampleMind.Search;
using SampleMind.Search.Fingerprints;
using SampleMind.Search.Humming;
using SampleMind.Search.Recommendations;
using SampleMind.Search.Text;

namespace SampleMind.Grains.Search;

/// <summary>
/// One library's search shard. Each sample's features, fingerprint and melodic pitch contour (a <see cref="LibraryEntry"/>)
/// is a row of the catalogue store's shard table (<see cref="ICatalogStore.UpsertShardEntriesAsync"/>), written a moment
/// after it was added (only the rows added since the last write) and on deactivation; the vector index is written with the
/// Search library's format to <c>&lt;SharedDirectory&gt;/shards/&lt;tenant&gt;/&lt;library&gt;.idx</c> after them, as often
/// as <see cref="IndexSavePacer"/> lets it (every flush for a small library, and on deactivation).
/// Activation streams the rows back, loads the index file (its vectors are rebuilt from the samples' records when it is
/// missing or stale) and adds the catalogued samples that never reached the table.
/// </summary>
public sealed partial class LibraryGrain(
    [PersistentState("library", "Default")] IPersistentState<LibraryState> state,
    SiloStorageLayout layout,
    ICatalogStore catalog,
    IOptions<AudioAnalyzerOptions> audio,
    TimeProvider time,
    ILogger<LibraryGrain> logger) : Grain, ILibraryGrain
{
    /// <summary>The embedding's dimension (SampleMind.Audio's EmbeddingBuilder).</summary>
    public const int Dimensions = 64;

    /// <summary>Seconds between Chromaprint sub-fingerprints (4096/3 samples at 11,025 Hz).</summary>
    private const double FingerprintFrameSeconds = 4096.0 / 3 / 11025;

    private SearchEngine _engine = new(Dimensions);
    private readonly FingerprintIndex _prints = new();
    private readonly MelodyIndex _melodies = new();
    private readonly Dictionary<string, LibraryEntry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<string>> _byContent = new(StringComparer.Ordinal);
    private readonly IndexSavePacer _indexSaves = new(time);
    private string _tenantId = "";
    private string _libraryId = "";
    private bool _registered;

    public async Task AddSample(SampleRecord record)
    {
        if (record.Analysis.Embedding is not { Count: Dimensions } embedding)
        {
            NoteUnindexed(record.SampleId);
            return;
        }

        var features = LibraryFeatures.From(record);
        _engine.Upsert(features, [.. embedding]);
        Keep(record.SampleId, new LibraryEntry(
            features, record.Analysis.Fingerprint.Raw, record.Analysis.Melody, StoredVectorStamp(record.SampleId), record.ContentSha256));
        if (!_registered)
        {
            await GrainFactory.GetGrain<ITenantLibrariesGrain>(_tenantId).Add(_libraryId);
            _registered = true;
        }
    }

    public Task<int> Count() => Task.FromResult(_engine.Count);

    public Task<bool> Contains(string sampleId) => Task.FromResult(_entries.ContainsKey(sampleId));

    public Task<IReadOnlyList<SearchHit>> Search(LibrarySearchQuery query)
    {
        var request = new SearchRequest
        {
            Text = string.IsNullOrWhiteSpace(query.Text) ? null : TextQueryParser.Parse(query.Text),
            Filter = query.Filter,
            K = Math.Max(1, query.K),
        };
        return Task.FromResult(_engine.Search(request));
    }

    public Task<IReadOnlyList<SearchHit>> Similar(SimilarQuery query)
    {
        var vector = new float[Dimensions];
        if (!_engine.Index.TryGetVector(query.SampleId, vector))
        {
            return Task.FromResult<IReadOnlyList<SearchHit>>([]);
        }

        var k = Math.Max(1, query.K);
        var hits = _engine.Search(new SearchRequest { Vector = vector, Filter = query.Filter, K = k + 1 });
        return Task.FromResult<IReadOnlyList<SearchHit>>([.. hits.Where(h => h.SampleId != query.SampleId).Take(k)]);
    }

    public Task<IReadOnlyList<SearchHit>> Duplicates(string sampleId)
    {
        if (!_entries.TryGetValue(sampleId, out var entry))
        {
            return Task.FromResult<IReadOnlyList<SearchHit>>([]);
        }

        // Exact copies first: a one-shot's fingerprint is often too short (under 10 frames) to be compared at all.
        var copies = (entry.ContentSha256 is { } content && _byContent.TryGetValue(content, out var same) ? same : [])
            .Where(id => id != sampleId)
            .Select(id => new SearchHit(id, 1.0, "the same file content (SHA-256) as this sample")
            {
                LibraryId = _libraryId,
                Path = PathOf(id),
                OffsetSeconds = 0,
            })
            .ToList();
        var hits = _prints.FindSimilar(ToPrint(entry.Fingerprint), audio.Value.DuplicateThreshold)
            .Where(h => h.SampleId != sampleId && copies.All(c => c.SampleId != h.SampleId))
            .Select(h => new SearchHit(h.SampleId, h.Match.Similarity,
                $"fingerprint similarity {h.Match.Similarity:0.00} over {h.Match.Overlap} frames at offset {h.Match.Offset} ({h.Match.Offset * FingerprintFrameSeconds:0.00} s)")
            {
                LibraryId = _libraryId,
                Path = PathOf(h.SampleId),
                OffsetSeconds = Math.Round(h.Match.Offset * FingerprintFrameSeconds, 3),
            });
        return Task.FromResult<IReadOnlyList<SearchHit>>([.. copies, .. hits]);
    }

    public Task<IReadOnlyList<SearchHit>> Hum(HumQuery query)
    {
        var k = Math.Max(1, query.K);
        var hits = _melodies.Match(new PitchContour(query.Hum.ToHz(), query.Hum.FrameRate), k)
            .Select(m => new SearchHit(m.SampleId, 1 / (1 + m.Distance),
                $"melody within {m.Distance:0.00} semitones on average of the hum (key and tempo normalised, DTW aligned)")
            {
                LibraryId = _libraryId,
                Path = PathOf(m.SampleId),
            });
        return Task.FromResult<IReadOnlyList<SearchHit>>([.. hits]);
    }

    /// <summary>A sample's path inside the library, from its entry.</summary>
    private string? PathOf(string sampleId) => _entries.TryGetValue(sampleId, out var entry) ? entry.Features.Path : null;

    public Task<IReadOnlyList<Recommendation>> Recommend(RecommendQuery query) =>
        Task.FromResult(Recommender.Recommend(query.Project, _engine, Math.Max(1, query.Count)));
}
