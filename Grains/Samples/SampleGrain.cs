using SampleMind.Grains.Abstractions.Samples;
using SampleMind.Grains.Hosting;
using SampleMind.Grains.Ingest;
using SampleMind.Runtime;

namespace SampleMind.Grains.Samples;

/// <summary>
/// One sample's record: analysis, fingerprint, embedding and where its audio is. Its state is read when first needed,
/// not at activation: an ingest's first call records a sample that is usually new, and that write stores the record
/// only if none is stored yet, so a new sample costs one storage round trip instead of a read and a write. When a
/// record is stored already (the file was ingested before), the write is refused, the record is read and written again
/// over it.
/// An idle activation is collected after a minute, not the silo's 15: an ingest records each sample once and seldom
/// reads it again soon, and a record weighs about 3.4 KiB as stored JSON (samples-dev's average), more as objects, so at
/// the silo's age an ingest of a million files at 450 files a second would hold some 400,000 records in memory.
/// <para>
/// A record written over one whose file was uploaded elsewhere (the same path uploaded again, which lands in the new
/// job's folder) deletes that older copy once the new record is stored: no sample names it any more, and a library
/// uploaded again and again would otherwise keep every copy until it is deleted. Only a file inside the tenant's upload
/// folder (<see cref="SiloStorageLayout.UploadDirectory"/>) is deleted; a server-side folder's files are never touched.
/// </para>
/// </summary>
[CollectionAgeLimit(Minutes = 1)]
public sealed class SampleGrain(
    [PersistentState("sample", "Default", ReadOnActivation = false)] IPersistentState<SampleState> state,
    SiloStorageLayout layout) : Grain, ISampleGrain
{
    private bool _read;

    public async Task<SampleRecord> Record(SampleRecord record)
    {
        if (!_read)
        {
            state.State.Record = record;
            try
            {
                await state.WriteStateAsync();
                _read = true;
                return record;
            }
            catch (InconsistentStateException)
            {
                // A record is stored: the failed write read it back, unless storage could not be read (no ETag then).
                if (state.Etag is null)
                {
                    await ReadAsync();
                }
                else
                {
                    _read = true;
                }
            }
        }

        if (state.State.Record is { } stored && stored.ContentSha256 == record.ContentSha256 && stored.Analysis.Level > record.Analysis.Level)
        {
            record = record with { Analysis = stored.Analysis };
        }

        if (state.State.Record == record)
        {
            return record;
        }

        var replaced = state.State.Record?.SourcePath;
        state.State.Record = record;
        await state.WriteStateAsync();
        if (replaced is not null && replaced != record.SourcePath)
        {
            UploadedFiles.Delete(replaced, Path.Combine(layout.UploadDirectory, record.TenantId));
        }

        return record;
    }

    public async Task<SampleRecord?> Get()
    {
        if (!_read)
        {
            await ReadAsync();
        }

        return state.State.Record;
    }

    public async Task Delete()
    {
        if (!_read)
        {
            await ReadAsync();
        }

        if (state.State.Record is not null)
        {
            await state.ClearStateAsync();
        }
    }

    private async Task ReadAsync()
    {
        await state.ReadStateAsync();
        _read = true;
    }
}
