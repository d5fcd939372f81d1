using SampleMind.Grains.Abstractions.Libraries;
using SampleMind.Grains.Abstractions.Samples;
using SampleMind.Grains.Abstractions.Search;
using SampleMind.Grains.Ingest;

namespace SampleMind.Grains.Search;

/// <summary>A sample's removal from the library: catalogue, shard, the copies' links, then the record.</summary>
public sealed partial class LibraryGrain
{
    /// <summary>
    /// The steps run in an order that a second call can finish from wherever the first stopped: the rows and the content
    /// claim go in one transaction, the copies are linked to their new original with that original last (so a retry,
    /// which finds the copies still linked to this sample, picks the same one), and the record goes last (a retry finds
    /// it, and so knows there is more to do).
    /// </summary>
    public async Task<bool> RemoveSample(string sampleId)
    {
        var sample = GrainFactory.GetGrain<ISampleGrain>(sampleId);
        if (await sample.Get() is not { } record || record.TenantId != _tenantId || record.LibraryId != _libraryId)
        {
            return false;
        }

        var copies = record.DuplicateOf is null && MayHaveCopies(sampleId)
            ? await catalog.ListCopiesOfAsync(_tenantId, _libraryId, sampleId, default)
            : [];
        var successor = copies.Count > 0 ? copies[0] : null;
        await catalog.RemoveSampleAsync(_tenantId, _libraryId, sampleId, record.ContentSha256, successor, default);
        Forget(sampleId);
        foreach (var copy in copies.Skip(1))
        {
            await LinkAsync(copy, successor);
        }

        if (successor is not null)
        {
            await LinkAsync(successor, null);
        }

        await sample.Delete();
        await UnlistIfEmptyAsync();
        LibraryShardLog.SampleRemoved(logger, _tenantId, _libraryId, sampleId, copies.Count, successor);
        return true;
    }

    /// <summary>
    /// The records go first, then the rows (so a retry after a crash between the two finds the rows and deletes their
    /// records again, a no-op); copies need no relinking, since their originals go with them.
    /// </summary>
    public async Task<int> RemoveSamples(int max)
    {
        var page = await catalog.QueryAsync(_tenantId, _libraryId, new SampleQuery(Limit: Math.Clamp(max, 1, 1000)), null, default);
        await Task.WhenAll(page.Items.Select(s => GrainFactory.GetGrain<ISampleGrain>(s.SampleId).Delete()));
        await catalog.RemoveSamplesAsync(_tenantId, _libraryId, page.Items, default);
        foreach (var sample in page.Items)
        {
            Forget(sample.SampleId);
        }

        if (page.Items.Count > 0)
        {
            await UnlistIfEmptyAsync();
            LibraryShardLog.SamplesRemoved(logger, _tenantId, _libraryId, page.Items.Count);
        }

        return page.Items.Count;
    }

    /// <summary>
    /// False when the shard knows that no other sample has this one's bytes, which spares the removal its read of every
    /// row of the library (0.4 s at 50,000 samples); a sample the shard does not index (level fast), or one whose entry
    /// predates content hashes, may have copies.
    /// </summary>
    private bool MayHaveCopies(string sampleId) =>
        !_entries.TryGetValue(sampleId, out var entry) || entry.ContentSha256 is not { } content
        || (_byContent.TryGetValue(content, out var same) && same.Count > 1);

    /// <summary>Takes a sample out of the shard's memory (its row is gone from the table already) and marks the index file to save.</summary>
    private void Forget(string sampleId)
    {
        _unindexed.Remove(sampleId);
        _dirty.Remove(sampleId);
        if (!_entries.Remove(sampleId, out var entry))
        {
            return;
        }

        if (entry.ContentSha256 is { } content && _byContent.TryGetValue(content, out var same) && same.Remove(sampleId) && same.Count == 0)
        {
            _byContent.Remove(content);
        }

        _engine.Remove(sampleId);
        _prints.Remove(sampleId);
        _melodies.Remove(sampleId);
        _indexSaves.Changed();
    }

    /// <summary>
    /// Takes the library out of the tenant's list once it holds no searchable sample, so that its search is a 404 and
    /// the tenant-wide search passes it over. The grain takes one call at a time, so a sample added after this runs
    /// finds <see cref="_registered"/> false and lists the library again.
    /// </summary>
    private async Task UnlistIfEmptyAsync()
    {
        if (_engine.Count > 0)
        {
            return;
        }

        _registered = false;
        await GrainFactory.GetGrain<ITenantLibrariesGrain>(_tenantId).Remove(_libraryId);
    }

    /// <summary>Makes a copy name <paramref name="original"/> as the sample it duplicates (null: it is the original now), record and row.</summary>
    private async Task LinkAsync(string copyId, string? original)
    {
        var copy = GrainFactory.GetGrain<ISampleGrain>(copyId);
        if (await copy.Get() is not { } record)
        {
            return;
        }

        var kept = await copy.Record(record with { DuplicateOf = original });
        await catalog.UpsertAsync(_tenantId, SampleSummaries.From(kept), default);
    }
}
