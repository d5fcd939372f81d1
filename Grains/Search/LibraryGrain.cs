using SampleMind.Audio;
using SampleMind.Grains.Abstractions.Libraries;
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
/// One library's search shard. Features, fingerprints and melodic samples' pitch contours are grain state; the
/// vector index is written with the Search library's format to <c>&lt;SharedDirectory&gt;/shards/&lt;tenant&gt;/&lt;library&gt;.idx</c> a moment after a
/// batch of adds and on deactivation, and reloaded on activation (rebuilt from the catalogue when missing or stale).
/// </summary>
public sealed class LibraryGrain(
    [PersistentState("library", "Default")] IPersistentState<LibraryState> state,
    SiloStorageLayout layout,
    ICatalogStore catalog) : Grain, ILibraryGrain
{
    /// <summary>The embedding's dimension (SampleMind.Audio's EmbeddingBuilder).</summary>
    public const int Dimensions = 64;

    private static readonly TimeSpan s_flushPeriod = TimeSpan.FromSeconds(2);
    private const double DuplicateSimilarity = 0.85;

    /// <summary>Seconds between Chromaprint sub-fingerprints (4096/3 samples at 11,025 Hz).</summary>
    private const double FingerprintFrameSeconds = 4096.0 / 3 / 11025;

    private SearchEngine _engine = new(Dimensions);
    private readonly FingerprintIndex _prints = new();
    private readonly MelodyIndex _melodies = new();
    private string _tenantId = "";
    private string _libraryId = "";
    private bool _dirty;
    private bool _registered;

    private string IndexPath => Path.Combine(layout.SharedDirectory, "shards", _tenantId, _libraryId + ".idx");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = GetPrimaryKeyString();
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        _tenantId = slash > 0 ? key[..slash] : key;
        _libraryId = slash > 0 ? key[(slash + 1)..] : "";
        foreach (var entry in state.State.Samples.Values)
        {
            _prints.Add(entry.Features.SampleId, ToPrint(entry.Fingerprint));
            AddMelody(entry.Features.SampleId, entry.Melody);
        }

        if (!TryLoad())
        {
            await RebuildAsync(cancellationToken);
        }

        RegisterGrainTimer(FlushIfDirtyAsync, s_flushPeriod, s_flushPeriod);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await FlushIfDirtyAsync(cancellationToken);
        _engine.Dispose();
    }

    public async Task AddSample(SampleRecord record)
    {
        if (record.Analysis.Embedding is not { Count: Dimensions } embedding)
        {
            return;
        }

        var features = LibraryFeatures.From(record);
        _engine.Upsert(features, [.. embedding]);
        _prints.Add(record.SampleId, ToPrint(record.Analysis.Fingerprint.Raw));
        _melodies.Remove(record.SampleId);
        AddMelody(record.SampleId, record.Analysis.Melody);
        state.State.Samples[record.SampleId] = new LibraryEntry(features, record.Analysis.Fingerprint.Raw, record.Analysis.Melody);
        _dirty = true;
        if (!_registered)
        {
            await GrainFactory.GetGrain<ITenantLibrariesGrain>(_tenantId).Add(_libraryId);
            _registered = true;
        }
    }

    public Task<int> Count() => Task.FromResult(_engine.Count);

    public Task<bool> Contains(string sampleId) => Task.FromResult(state.State.Samples.ContainsKey(sampleId));

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
        if (!state.State.Samples.TryGetValue(sampleId, out var entry))
        {
            return Task.FromResult<IReadOnlyList<SearchHit>>([]);
        }

        var hits = _prints.FindSimilar(ToPrint(entry.Fingerprint), DuplicateSimilarity)
            .Where(h => h.SampleId != sampleId)
            .Select(h => new SearchHit(h.SampleId, h.Match.Similarity,
                $"fingerprint similarity {h.Match.Similarity:0.00} over {h.Match.Overlap} frames at offset {h.Match.Offset} ({h.Match.Offset * FingerprintFrameSeconds:0.00} s)")
            {
                LibraryId = _libraryId,
                OffsetSeconds = Math.Round(h.Match.Offset * FingerprintFrameSeconds, 3),
            });
        return Task.FromResult<IReadOnlyList<SearchHit>>([.. hits]);
    }

    public Task<IReadOnlyList<SearchHit>> Hum(HumQuery query)
    {
        var k = Math.Max(1, query.K);
        var hits = _melodies.Match(new PitchContour(query.Hum.ToHz(), query.Hum.FrameRate), k)
            .Select(m => new SearchHit(m.SampleId, 1 / (1 + m.Distance),
                $"melody within {m.Distance:0.00} semitones on average of the hum (key and tempo normalised, DTW aligned)")
            {
                LibraryId = _libraryId,
            });
        return Task.FromResult<IReadOnlyList<SearchHit>>([.. hits]);
    }

    public Task<IReadOnlyList<Recommendation>> Recommend(RecommendQuery query) =>
        Task.FromResult(Recommender.Recommend(query.Project, _engine, Math.Max(1, query.Count)));

    private bool TryLoad()
    {
        var path = IndexPath;
        if (!File.Exists(path))
        {
            return false;
        }

        var loaded = SearchEngine.Load(path, state.State.Samples.Values.Select(e => e.Features));
        if (loaded.Count != state.State.Samples.Count || loaded.Snapshot().Count != loaded.Count)
        {
            loaded.Dispose();
            return false;
        }

        _engine.Dispose();
        _engine = loaded;
        return true;
    }

    private async Task RebuildAsync(CancellationToken cancellationToken)
    {
        string? cursor = null;
        do
        {
            var page = await catalog.QueryAsync(_tenantId, _libraryId, new SampleQuery(Cursor: cursor, Limit: 200), null, cancellationToken);
            foreach (var summary in page.Items)
            {
                if (await GrainFactory.GetGrain<ISampleGrain>(summary.SampleId).Get() is { } record)
                {
                    await AddSample(record);
                }
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    private async Task FlushIfDirtyAsync(CancellationToken cancellationToken)
    {
        if (!_dirty)
        {
            return;
        }

        _dirty = false;
        await state.WriteStateAsync(cancellationToken);
        var path = IndexPath;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        _engine.SaveIndex(temporary);
        File.Move(temporary, path, overwrite: true);
    }

    private void AddMelody(string sampleId, MelodyContour? melody)
    {
        if (melody is not null)
        {
            _melodies.Add(sampleId, new PitchContour(melody.ToHz(), melody.FrameRate));
        }
    }

    private static uint[] ToPrint(IReadOnlyList<int> raw)
    {
        var print = new uint[raw.Count];
        for (var i = 0; i < print.Length; i++)
        {
            print[i] = unchecked((uint)raw[i]);
        }

        return print;
    }
}
