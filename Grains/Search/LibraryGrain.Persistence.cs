using SampleMind.Grains.Abstractions.Libraries;
using SampleMind.Grains.Abstractions.Samples;
using SampleMind.Grains.Catalog;
using SampleMind.Runtime;
using SampleMind.Search;
using SampleMind.Search.Humming;

namespace SampleMind.Grains.Search;

/// <summary>The shard's persistence: rows per sample in the catalogue store, the index file, reconciliation with the catalogue.</summary>
public sealed partial class LibraryGrain
{
    private static readonly TimeSpan s_flushPeriod = TimeSpan.FromSeconds(2);

    /// <summary>Rows per transaction when many are written at once (a legacy state, a large flush).</summary>
    private const int WriteChunk = 1000;

    /// <summary>Catalogue rows per page, and sample records fetched together, when reconciling or rebuilding.</summary>
    private const int FetchChunk = 200;

    /// <summary>Catalogued samples with nothing to index (no embedding): their rows hold no entry.</summary>
    private readonly HashSet<string> _unindexed = new(StringComparer.Ordinal);

    /// <summary>Samples whose row has changed since the last write.</summary>
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);

    private string IndexPath => Path.Combine(layout.SharedDirectory, "shards", _tenantId, _libraryId + ".idx");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = GetPrimaryKeyString();
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        _tenantId = slash > 0 ? key[..slash] : key;
        _libraryId = slash > 0 ? key[(slash + 1)..] : "";
        await MoveLegacyStateAsync(cancellationToken);
        await foreach (var row in catalog.ReadShardEntriesAsync(_tenantId, _libraryId, cancellationToken))
        {
            if (row.Entry is null)
            {
                _unindexed.Add(row.SampleId);
            }
            else
            {
                Keep(row.SampleId, row.Entry, dirty: false);
            }
        }

        if (_entries.Count > 0)
        {
            var missing = LoadIndex();
            if (missing.Count > 0)
            {
                await RebuildVectorsAsync(missing, cancellationToken);
                SaveIndex();
            }
        }

        await ReconcileAsync(cancellationToken);
        // A library emptied before its removals took it out of the tenant's list (or by a removal cut short) leaves it.
        await UnlistIfEmptyAsync();
        RegisterGrainTimer(FlushIfDirtyAsync, s_flushPeriod, s_flushPeriod);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            await FlushIfDirtyAsync(cancellationToken);
            if (_indexSaves.Pending)
            {
                SaveIndex();
            }
        }
        finally
        {
            _engine.Dispose();
        }
    }

    /// <summary>Holds <paramref name="entry"/> in memory (features, fingerprint, melody, content) and, unless loading, marks its row to write.</summary>
    private void Keep(string sampleId, LibraryEntry entry, bool dirty = true)
    {
        if (_entries.TryGetValue(sampleId, out var previous) && previous.ContentSha256 is { } was && _byContent.TryGetValue(was, out var copies))
        {
            copies.Remove(sampleId);
        }

        if (entry.ContentSha256 is { } content)
        {
            (_byContent.TryGetValue(content, out var same) ? same : _byContent[content] = new(StringComparer.Ordinal)).Add(sampleId);
        }

        _entries[sampleId] = entry;
        _unindexed.Remove(sampleId);
        _prints.Add(sampleId, ToPrint(entry.Fingerprint));
        _melodies.Remove(sampleId);
        if (entry.Melody is { } melody)
        {
            _melodies.Add(sampleId, new PitchContour(melody.ToHz(), melody.FrameRate));
        }

        if (dirty)
        {
            _dirty.Add(sampleId);
        }
    }

    /// <summary>Notes a catalogued sample without an embedding (once), so reconciling does not fetch its record again.</summary>
    private void NoteUnindexed(string sampleId)
    {
        if (!_entries.ContainsKey(sampleId) && _unindexed.Add(sampleId))
        {
            _dirty.Add(sampleId);
        }
    }

    /// <summary>
    /// The previous version kept every entry in the grain state: those move to the table once (the upserts are
    /// idempotent, so an interrupted move is simply done again), then the state is written empty.
    /// </summary>
    private async Task MoveLegacyStateAsync(CancellationToken cancellationToken)
    {
        var legacy = state.State.Samples;
        if (legacy.Count == 0)
        {
            return;
        }

        await WriteRowsAsync(legacy.Select(p => new ShardEntry(p.Key, p.Value)), cancellationToken);
        var moved = legacy.Count;
        legacy.Clear();
        await state.WriteStateAsync(cancellationToken);
        LibraryShardLog.LegacyStateMoved(logger, _tenantId, _libraryId, moved);
    }

    /// <summary>
    /// Loads the index file and returns the entries whose vectors it lacks or holds in an older version. A file saved
    /// before the last rows (the index is saved less often than its rows, so a crash leaves it behind them) is kept, and
    /// only the vectors of the samples added or re-analysed since are put back (a row's <see cref="LibraryEntry.VectorStamp"/>
    /// differs from the stamp of the vector in the file): after a crash in a large ingest that is the last minute's
    /// samples, not the library. Without a file, or with one holding samples the rows do not (removed since), every
    /// vector is rebuilt.
    /// </summary>
    private IReadOnlyCollection<string> LoadIndex()
    {
        var path = IndexPath;
        if (!File.Exists(path))
        {
            return _entries.Keys;
        }

        var loaded = SearchEngine.Load(path, _entries.Values.Select(e => e.Features));
        if (loaded.Snapshot().Count != loaded.Count)
        {
            loaded.Dispose();
            return _entries.Keys;
        }

        _engine.Dispose();
        _engine = loaded;
        return [.. _entries.Where(e => loaded.GetFeatures(e.Key) is null || (e.Value.VectorStamp is { } stamp && StoredVectorStamp(e.Key) != stamp)).Select(e => e.Key)];
    }

    /// <summary>The stamp of the vector the index holds for <paramref name="sampleId"/>, or null when it holds none.</summary>
    private long? StoredVectorStamp(string sampleId)
    {
        Span<float> vector = stackalloc float[Dimensions];
        return _engine.Index.TryGetVector(sampleId, vector) ? VectorStamps.Of(vector) : null;
    }

    /// <summary>Puts the vectors of <paramref name="sampleIds"/> in the index, from their samples' records (the vectors live only in the index file).</summary>
    private async Task RebuildVectorsAsync(IReadOnlyCollection<string> sampleIds, CancellationToken cancellationToken)
    {
        foreach (var chunk in sampleIds.ToArray().Chunk(FetchChunk))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var records = await Task.WhenAll(chunk.Select(id => GrainFactory.GetGrain<ISampleGrain>(id).Get()));
            foreach (var record in records)
            {
                if (record?.Analysis.Embedding is { Count: Dimensions } embedding)
                {
                    _engine.Upsert(_entries[record.SampleId].Features, [.. embedding]);
                }
            }
        }

        LibraryShardLog.VectorsRebuilt(logger, _tenantId, _libraryId, sampleIds.Count, _engine.Count);
    }

    /// <summary>
    /// Adds the catalogued samples that have no row (added before a crash, within the flush period): when the
    /// catalogue counts more samples than the shard knows, pages through it and adds each unknown one from its record.
    /// </summary>
    private async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        var known = _entries.Count + _unindexed.Count;
        if (await catalog.CountAsync(_tenantId, _libraryId, cancellationToken) <= known)
        {
            return;
        }

        var added = 0;
        string? cursor = null;
        do
        {
            var page = await catalog.QueryAsync(_tenantId, _libraryId, new SampleQuery(Cursor: cursor, Limit: FetchChunk), null, cancellationToken);
            var missing = page.Items.Where(s => !_entries.ContainsKey(s.SampleId) && !_unindexed.Contains(s.SampleId));
            foreach (var record in await Task.WhenAll(missing.Select(s => GrainFactory.GetGrain<ISampleGrain>(s.SampleId).Get())))
            {
                if (record is not null)
                {
                    await AddSample(record);
                    added++;
                }
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);

        LibraryShardLog.Reconciled(logger, _tenantId, _libraryId, added);
        await FlushIfDirtyAsync(cancellationToken);
    }

    /// <summary>
    /// Writes the rows changed since the last write, then the index file when an indexed sample changed and the pacer
    /// lets it (a large library's file is rewritten less often than its rows). A save the pacer held back is made at the
    /// first flush it is due at, rows or not, so an ingest that stops leaves a saved file behind within the pause.
    /// </summary>
    private async Task FlushIfDirtyAsync(CancellationToken cancellationToken)
    {
        if (_dirty.Count > 0)
        {
            await WriteDirtyRowsAsync(cancellationToken);
        }

        if (_indexSaves.Due)
        {
            SaveIndex();
        }
    }

    private async Task WriteDirtyRowsAsync(CancellationToken cancellationToken)
    {
        var rows = new List<ShardEntry>(_dirty.Count);
        foreach (var sampleId in _dirty)
        {
            rows.Add(new ShardEntry(sampleId, _entries.GetValueOrDefault(sampleId)));
        }

        _dirty.Clear();
        try
        {
            await WriteRowsAsync(rows, cancellationToken);
        }
        catch
        {
            // Written again by the next flush (the upserts are idempotent).
            _dirty.UnionWith(rows.Select(r => r.SampleId));
            throw;
        }

        if (rows.Exists(r => r.Entry is not null))
        {
            _indexSaves.Changed();
        }
    }

    /// <summary>Writes the vector index through a temporary file and a rename, so a reader never sees half a file.</summary>
    private void SaveIndex() => _indexSaves.Save(() =>
    {
        var path = IndexPath;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        _engine.SaveIndex(temporary);
        File.Move(temporary, path, overwrite: true);
    });

    private async Task WriteRowsAsync(IEnumerable<ShardEntry> rows, CancellationToken cancellationToken)
    {
        foreach (var chunk in rows.Chunk(WriteChunk))
        {
            await catalog.UpsertShardEntriesAsync(_tenantId, _libraryId, chunk, cancellationToken);
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
