using Microsoft.Extensions.Configuration;
using SampleMind.Audio;
using SampleMind.Audio.Analysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SampleMind.Grains.Abstractions.Samples;
using SampleMind.Grains.Abstractions.Search;
using SampleMind.Grains.Catalog;
using SampleMind.Grains.Hosting;
using SampleMind.Grains.Ingest;
using SampleMind.Grains.Search;
using SampleMind.Runtime;
using SampleMind.Runtime.Hosting;
using SampleMind.Runtime.Serialization;
using SampleMind.Runtime.Storage;
using SampleMind.TestSupport;

namespace SampleMind.Grains.Tests.Search;

/// <summary>
/// A library shard's rows in the catalogue store, on embedded silos over real SQLite files: each test starts hosts one
/// after another on its own data directory (a graceful stop deactivates the shard) and drives the flush timer's clock.
/// </summary>
public sealed class LibraryShardPersistenceTests : IAsyncLifetime
{
    private const string Tenant = "t";
    private const string Library = "lib";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    private readonly ManualTimeProvider _time = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("samplemind-shard-").FullName;

    private string IndexFile => Path.Combine(_dir, "shards", Tenant, Library + ".idx");

    public Task InitializeAsync()
    {
        // Grain classes and their JSON contexts register from their assembly's module initializer.
        System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(typeof(LibraryGrain).Module.ModuleHandle);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_shard_whose_flush_wrote_its_entries_reactivates_with_them_and_answers_a_search()
    {
        var records = Enumerable.Range(0, 5).Select(i => ShardRecords.Record(Tenant, Library, i)).ToArray();
        await using (var host = await StartAsync())
        {
            foreach (var record in records)
            {
                await host.Shard.AddSample(record);
            }

            await FlushAsync(host, 5);
            Assert.Equal([5], host.Store.ShardBatches);
        }

        Assert.True(File.Exists(IndexFile), $"the index was saved to {IndexFile}");
        await using (var host = await StartAsync())
        {
            Assert.Equal(5, await host.Shard.Count());
            Assert.Equal(records.Select(r => r.SampleId), (await host.ReadRowsAsync()).Select(r => r.SampleId));
            var hits = await host.Shard.Search(new LibrarySearchQuery("kick", null, 10));
            Assert.Equal(records.Select(r => r.SampleId), hits.Select(h => h.SampleId).Order(StringComparer.Ordinal));
            var similar = await host.Shard.Similar(new SimilarQuery(records[0].SampleId, 3, null));
            Assert.Equal(3, similar.Count);
            Assert.DoesNotContain(records[0].SampleId, similar.Select(h => h.SampleId));
            Assert.Empty(host.Store.ShardBatches);
            Assert.Equal(0, host.Store.Queries);
        }
    }

    [Fact]
    public async Task A_flush_after_K_new_samples_writes_K_rows_not_the_whole_library()
    {
        await using var host = await StartAsync();
        for (var i = 0; i < 6; i++)
        {
            await host.Shard.AddSample(ShardRecords.Record(Tenant, Library, i));
        }

        await FlushAsync(host, 6);
        await host.Shard.AddSample(ShardRecords.Record(Tenant, Library, 6));
        await host.Shard.AddSample(ShardRecords.Record(Tenant, Library, 2) with { Labels = ["again"] });
        await FlushAsync(host, 8);

        Assert.Equal([6, 2], host.Store.ShardBatches);
        Assert.Equal(7, (await host.ReadRowsAsync()).Count);
        Assert.Equal(7, await host.Shard.Count());
    }

    [Fact]
    public async Task A_lost_index_file_is_rebuilt_from_the_samples_records_on_activation()
    {
        var records = Enumerable.Range(0, 4).Select(i => ShardRecords.Record(Tenant, Library, i)).ToArray();
        await using (var host = await StartAsync())
        {
            foreach (var record in records)
            {
                await host.Sample(record.SampleId).Record(record);
                await host.Shard.AddSample(record);
            }

            await FlushAsync(host, 4);
        }

        File.Delete(IndexFile);
        await using (var host = await StartAsync())
        {
            Assert.Equal(4, await host.Shard.Count());
            Assert.Equal(3, (await host.Shard.Similar(new SimilarQuery(records[1].SampleId, 5, null))).Count);
            Assert.True(File.Exists(IndexFile), "the rebuilt index was saved");
            Assert.Empty(host.Store.ShardBatches);
        }
    }

    [Fact]
    public async Task An_index_file_behind_its_rows_keeps_its_vectors_and_only_the_samples_added_since_are_rebuilt()
    {
        // As after a crash in a large ingest: the rows were flushed after the index file was last saved.
        var records = Enumerable.Range(0, 6).Select(i => ShardRecords.Record(Tenant, Library, i)).ToArray();
        var behind = Path.Combine(_dir, "behind.idx");
        await using (var host = await StartAsync())
        {
            await RecordAndAddAsync(host, records[..4]);
            await FlushAsync(host, 4);
        }

        File.Copy(IndexFile, behind);
        await using (var host = await StartAsync())
        {
            await RecordAndAddAsync(host, records[4..]);
            await FlushAsync(host, 2);
        }

        File.Copy(behind, IndexFile, overwrite: true);
        await using (var host = await StartAsync())
        {
            // The first four samples' records are gone: their vectors can come only from the file.
            var sampleType = GrainTypeRegistry.GrainClasses.Single(c => c.ClassType == typeof(Grains.Samples.SampleGrain)).GrainType;
            foreach (var record in records[..4])
            {
                var stored = await host.Storage.ReadAsync(sampleType, record.SampleId, "sample", default);
                await host.Storage.ClearAsync(sampleType, record.SampleId, "sample", stored!.Etag, default);
            }

            Assert.Equal(6, await host.Shard.Count());
            Assert.Equal(5, (await host.Shard.Similar(new SimilarQuery(records[1].SampleId, 10, null))).Count);
            Assert.Equal(5, (await host.Shard.Similar(new SimilarQuery(records[5].SampleId, 10, null))).Count);
        }

        await using (var host = await StartAsync())
        {
            Assert.Equal(6, await host.Shard.Count());
        }
    }

    [Fact]
    public async Task An_index_file_saved_before_a_sample_was_re_analysed_has_that_vector_rebuilt_from_its_record()
    {
        // As after a crash: a sample's file changed and was ingested again, its row was flushed, the index file was not saved.
        var records = Enumerable.Range(0, 4).Select(i => ShardRecords.Record(Tenant, Library, i)).ToArray();
        var before = Path.Combine(_dir, "before.idx");
        await using (var host = await StartAsync())
        {
            await RecordAndAddAsync(host, records);
            await FlushAsync(host, 4);
        }

        File.Copy(IndexFile, before);
        var changed = records[1] with { Analysis = records[1].Analysis with { Embedding = records[3].Analysis.Embedding } };
        await using (var host = await StartAsync())
        {
            await RecordAndAddAsync(host, [changed]);
            await FlushAsync(host, 1);
            Assert.Contains("similarity 1.000", (await host.Shard.Similar(new SimilarQuery(changed.SampleId, 1, null))).Single().Explanation, StringComparison.Ordinal);
        }

        File.Copy(before, IndexFile, overwrite: true);
        await using (var host = await StartAsync())
        {
            var nearest = (await host.Shard.Similar(new SimilarQuery(changed.SampleId, 1, null))).Single();
            Assert.Equal(records[3].SampleId, nearest.SampleId);
            Assert.Contains("similarity 1.000", nearest.Explanation, StringComparison.Ordinal);
            Assert.Equal(4, await host.Shard.Count());
        }
    }

    [Fact]
    public async Task A_legacy_state_moves_to_the_table_once_and_is_emptied()
    {
        var records = Enumerable.Range(0, 3).Select(i => ShardRecords.Record(Tenant, Library, i)).ToArray();
        var grainType = GrainTypeRegistry.GrainClasses.Single(c => c.ClassType == typeof(LibraryGrain)).GrainType;
        await using (var host = await StartAsync())
        {
            var legacy = new LibraryState();
            for (var i = 0; i < records.Length; i++)
            {
                await host.Sample(records[i].SampleId).Record(records[i]);
                legacy.Samples[records[i].SampleId] = ShardRecords.Entry(records[i].SampleId, i, melodic: i == 0);
            }

            await host.Storage.WriteAsync(grainType, $"{Tenant}/{Library}", "library", GrainSerializer.SerializeToUtf8Bytes(legacy), null, default);

            Assert.Equal(3, await host.Shard.Count());
            var rows = await host.ReadRowsAsync();
            Assert.Equal(records.Select(r => r.SampleId), rows.Select(r => r.SampleId));
            Assert.Equivalent(legacy.Samples[records[0].SampleId], rows[0].Entry, strict: true);
            var stored = await host.Storage.ReadAsync(grainType, $"{Tenant}/{Library}", "library", default);
            Assert.Empty(GrainSerializer.Deserialize<LibraryState>(stored!.Payload.Span)!.Samples);
            var hits = await host.Shard.Search(new LibrarySearchQuery("kick", null, 10));
            Assert.Equal(records.Select(r => r.SampleId), hits.Select(h => h.SampleId).Order(StringComparer.Ordinal));
            Assert.True(await host.Shard.Contains(records[2].SampleId));
        }

        await using (var host = await StartAsync())
        {
            Assert.Equal(3, await host.Shard.Count());
            Assert.Empty(host.Store.ShardBatches);
        }
    }

    [Fact]
    public async Task Catalogued_samples_that_never_reached_the_table_are_added_on_activation_and_looked_up_only_once()
    {
        var records = Enumerable.Range(0, 5).Select(i => ShardRecords.Record(Tenant, Library, i)).ToArray();
        var fast = ShardRecords.Record(Tenant, Library, 5, embedding: false);
        await using (var host = await StartAsync())
        {
            Assert.Equal(0, await host.Shard.Count());
            foreach (var record in records[..3])
            {
                await host.Sample(record.SampleId).Record(record);
                await host.Store.UpsertAsync(Tenant, SampleSummaries.From(record), default);
                await host.Shard.AddSample(record);
            }

            await FlushAsync(host, 3);

            // The rest reach their sample grains and the catalogue but not the shard, as when the silo dies within
            // the flush period; one of them, ingested at level fast, has nothing to index.
            foreach (var record in records[3..].Append(fast))
            {
                await host.Sample(record.SampleId).Record(record);
                await host.Store.UpsertAsync(Tenant, SampleSummaries.From(record), default);
            }
        }

        await using (var host = await StartAsync())
        {
            Assert.Equal(5, await host.Shard.Count());
            Assert.True(await host.Shard.Contains(records[4].SampleId));
            Assert.False(await host.Shard.Contains(fast.SampleId));
            var hits = await host.Shard.Search(new LibrarySearchQuery("kick", null, 10));
            Assert.Equal(records.Select(r => r.SampleId), hits.Select(h => h.SampleId).Order(StringComparer.Ordinal));
            Assert.Equal([3], host.Store.ShardBatches);
            Assert.True(host.Store.Queries > 0);
            Assert.Null((await host.ReadRowsAsync()).Single(r => r.SampleId == fast.SampleId).Entry);
        }

        await using (var host = await StartAsync())
        {
            Assert.Equal(5, await host.Shard.Count());
            Assert.Equal(0, host.Store.Queries);
            Assert.Empty(host.Store.ShardBatches);
        }
    }

    [Fact]
    public async Task A_shard_ranks_a_descriptor_by_the_analysis_grade_and_keeps_the_grades_in_its_rows()
    {
        // Sines analysed for real: the spectral centroid sits at the tone, so brightness rises with it. Added in an
        // order where the two tones analysis tags "bright" (3.5 and 6 kHz) would tie and keep the duller one first.
        var analyzer = new AudioAnalyzer();
        double[] tones = [500, 2000, 3500, 6000];
        var records = tones.Select((hz, i) => ShardRecords.Analysed(Tenant, Library, i, analyzer.Analyze(Sine(hz), 44100, 1, AnalysisLevel.Standard))).ToArray();
        Assert.Equal([false, false, true, true], records.Select(r => r.Analysis.Timbre!.Tags.Contains("bright")));
        string[] brightestFirst = [.. records.Reverse().Select(r => r.SampleId)];
        await using (var host = await StartAsync())
        {
            foreach (var record in records)
            {
                await host.Shard.AddSample(record);
            }

            Assert.Equal(brightestFirst, (await host.Shard.Search(new LibrarySearchQuery("bright", null, 10))).Select(h => h.SampleId));
            await FlushAsync(host, records.Length);
        }

        await using (var host = await StartAsync())
        {
            var rows = await host.ReadRowsAsync();
            Assert.All(rows, row => Assert.Equal(DescriptorStrengths.Of(records.Single(r => r.SampleId == row.SampleId).Analysis), row.Entry!.Features.Descriptors));
            var hits = await host.Shard.Search(new LibrarySearchQuery("bright", null, 10));
            Assert.Equal(brightestFirst, hits.Select(h => h.SampleId));
            Assert.True(hits[0].Score > hits[1].Score && hits[1].Score > hits[2].Score, string.Join("; ", hits));
        }
    }

    [Fact]
    public async Task Removing_an_original_links_its_copies_to_the_first_and_a_restarted_shard_no_longer_knows_it()
    {
        var (original, copies, other) = await IngestCopiesAsync();
        await using (var host = await StartAsync())
        {
            Assert.True(await host.Shard.RemoveSample(original.SampleId));
            Assert.False(await host.Shard.RemoveSample(original.SampleId));
            Assert.False(await host.Shard.RemoveSample("s-unknown"));
            await AssertRemovedAsync(host, original, copies, other);
        }

        await using (var host = await StartAsync())
        {
            await AssertRemovedAsync(host, original, copies, other);

            // A sample the shard knows to have no copies is removed without reading the library's rows for them.
            Assert.True(await host.Shard.RemoveSample(other.SampleId));
            Assert.Equal(0, host.Store.CopyLookups);
            Assert.Equal(2, await host.Shard.Count());
        }
    }

    [Fact]
    public async Task A_removal_that_failed_half_way_is_finished_by_a_second_call()
    {
        var (original, copies, other) = await IngestCopiesAsync();
        await using var host = await StartAsync();
        host.Store.FailUpserts = true;
        await Assert.ThrowsAnyAsync<Exception>(() => host.Shard.RemoveSample(original.SampleId));
        Assert.NotNull(await host.Sample(original.SampleId).Get());

        host.Store.FailUpserts = false;
        Assert.True(await host.Shard.RemoveSample(original.SampleId));
        await AssertRemovedAsync(host, original, copies, other);
    }

    /// <summary>An original, two exact copies of it and another sample, each recorded as an ingest records them.</summary>
    private async Task<(SampleRecord Original, SampleRecord[] Copies, SampleRecord Other)> IngestCopiesAsync()
    {
        var original = ShardRecords.Record(Tenant, Library, 1);
        SampleRecord[] copies =
        [
            original with { SampleId = "s-copy-b", RelativePath = "copies/b.wav", DuplicateOf = original.SampleId },
            original with { SampleId = "s-copy-a", RelativePath = "copies/a.wav", DuplicateOf = original.SampleId },
        ];
        var other = ShardRecords.Record(Tenant, Library, 2);
        await using var host = await StartAsync();
        foreach (var record in (SampleRecord[])[original, .. copies, other])
        {
            Assert.Equal(record.DuplicateOf ?? record.SampleId,
                await host.Store.ClaimContentAsync(Tenant, Library, record.ContentSha256, record.SampleId, default));
            await host.Sample(record.SampleId).Record(record);
            await host.Store.UpsertAsync(Tenant, SampleSummaries.From(record), default);
            await host.Shard.AddSample(record);
        }

        Assert.Equal(["s-copy-a", "s-copy-b"], (await host.Shard.Duplicates(original.SampleId)).Select(h => h.SampleId));
        return (original, copies, other);
    }

    /// <summary>The original is gone from every place; the first copy by id is the original of the other and holds the content.</summary>
    private static async Task AssertRemovedAsync(ShardHost host, SampleRecord original, SampleRecord[] copies, SampleRecord other)
    {
        Assert.Null(await host.Sample(original.SampleId).Get());
        Assert.False(await host.Shard.Contains(original.SampleId));
        Assert.Equal(3, await host.Shard.Count());
        Assert.Equal(["s-copy-a", "s-copy-b", other.SampleId],
            (await host.Store.QueryAsync(Tenant, Library, new(), null, default)).Items.Select(s => s.SampleId).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(original.SampleId, (await host.ReadRowsAsync()).Select(r => r.SampleId));
        Assert.DoesNotContain(original.SampleId, (await host.Shard.Similar(new SimilarQuery(other.SampleId, 10, null))).Select(h => h.SampleId));
        Assert.DoesNotContain(original.SampleId, (await host.Shard.Search(new LibrarySearchQuery("kick", null, 10))).Select(h => h.SampleId));

        Assert.Null((await host.Sample("s-copy-a").Get())!.DuplicateOf);
        Assert.Equal("s-copy-a", (await host.Sample("s-copy-b").Get())!.DuplicateOf);
        var rows = (await host.Store.QueryAsync(Tenant, Library, new(), null, default)).Items.ToDictionary(s => s.SampleId);
        Assert.Equal((null, "s-copy-a"), (rows["s-copy-a"].DuplicateOf, rows["s-copy-b"].DuplicateOf));
        Assert.Equal(["s-copy-b"], (await host.Shard.Duplicates("s-copy-a")).Select(h => h.SampleId));
        Assert.Equal("s-copy-a", await host.Store.ClaimContentAsync(Tenant, Library, copies[0].ContentSha256, "s-later", default));
    }

    private static float[] Sine(double hz) =>
        [.. Enumerable.Range(0, 44100).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * hz * i / 44100)))];

    private static async Task RecordAndAddAsync(ShardHost host, IEnumerable<SampleRecord> records)
    {
        foreach (var record in records)
        {
            await host.Sample(record.SampleId).Record(record);
            await host.Shard.AddSample(record);
        }
    }

    /// <summary>Fires the shard's flush timer and waits until the store has received <paramref name="totalRows"/> rows in all.</summary>
    private async Task FlushAsync(ShardHost host, int totalRows)
    {
        _time.Advance(TimeSpan.FromSeconds(2));
        await Eventually.HoldsAsync(() => host.Store.ShardRowsWritten == totalRows, s_wait, $"{totalRows} shard rows written");
    }

    private async Task<ShardHost> StartAsync()
    {
        var store = new CountingCatalogStore(new SqliteCatalogStore(Path.Combine(_dir, "catalog.db")));
        await store.EnsureSchemaAsync(default);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Silo:DataDirectory"] = _dir })
            .Build();
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddSampleMindSilo(o =>
        {
            o.Storage = "sqlite";
            o.DataDirectory = _dir;
        });
        builder.Services.AddSingleton(SiloStorageLayout.From(configuration));
        builder.Services.AddSingleton<ICatalogStore>(store);
        var host = builder.Build();
        await host.StartAsync();
        return new ShardHost(host, store);
    }

    /// <summary>A started embedded silo; disposing it stops it gracefully (deactivating every grain) and closes the store.</summary>
    private sealed class ShardHost(IHost host, CountingCatalogStore store) : IAsyncDisposable
    {
        public CountingCatalogStore Store => store;

        public IGrainStorage Storage => host.Services.GetRequiredService<IGrainStorage>();

        public ILibraryGrain Shard => host.Services.GetRequiredService<IGrainFactory>().GetGrain<ILibraryGrain>($"{Tenant}/{Library}");

        public ISampleGrain Sample(string sampleId) => host.Services.GetRequiredService<IGrainFactory>().GetGrain<ISampleGrain>(sampleId);

        public async Task<List<ShardEntry>> ReadRowsAsync()
        {
            var rows = new List<ShardEntry>();
            await foreach (var row in store.ReadShardEntriesAsync(Tenant, Library, default))
            {
                rows.Add(row);
            }

            return rows;
        }

        public async ValueTask DisposeAsync()
        {
            await host.StopAsync();
            host.Dispose();
            await store.DisposeAsync();
        }
    }
}
