using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SampleMind.Audio;
using SampleMind.Grains.Abstractions.Samples;
using SampleMind.Grains.Hosting;
using SampleMind.Grains.Samples;
using SampleMind.Grains.Tests.Search;
using SampleMind.Runtime;
using SampleMind.Runtime.Hosting;
using SampleMind.Runtime.Storage;

namespace SampleMind.Grains.Tests.Samples;

/// <summary>
/// A sample's record on embedded silos over a real SQLite file, each started after the last stopped: the grain's state
/// is not read at activation, so a first record of a new sample is one write, and one over a stored record still lands.
/// </summary>
public sealed class SampleGrainTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("samplemind-sample-grain-").FullName;

    public SampleGrainTests() =>
        System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(typeof(SampleGrain).Module.ModuleHandle);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_record_over_one_stored_by_an_earlier_activation_replaces_it_and_the_same_one_again_writes_nothing()
    {
        var first = ShardRecords.Record("t", "lib", 1);
        var second = first with { Labels = ["again"], IngestJobId = "ingest-2" };
        await using (var silo = await StartAsync())
        {
            await silo.Sample(first.SampleId).Record(first);
            Assert.Same(first, await silo.Sample(first.SampleId).Get());
        }

        await using (var silo = await StartAsync())
        {
            // A new activation has not read the stored record: its first write is refused, then read and written over.
            await silo.Sample(first.SampleId).Record(second);
            Assert.Same(second, await silo.Sample(first.SampleId).Get());
            var etag = (await silo.ReadStoredAsync(first.SampleId))!.Etag;
            await silo.Sample(first.SampleId).Record(second);
            Assert.Equal(etag, (await silo.ReadStoredAsync(first.SampleId))!.Etag);
        }

        await using (var silo = await StartAsync())
        {
            var stored = await silo.Sample(first.SampleId).Get();
            Assert.Equal(["again"], stored!.Labels);
            Assert.Equal("ingest-2", stored.IngestJobId);
            Assert.Equal(second.Analysis.Fingerprint.Raw, stored.Analysis.Fingerprint.Raw);
            Assert.Null(await silo.Sample("s-never-recorded").Get());
        }
    }

    [Fact]
    public async Task A_record_of_the_same_bytes_at_a_lower_level_keeps_the_richer_analysis_and_takes_the_rest()
    {
        var standard = ShardRecords.Record("t", "lib", 2); // analysed at standard: embedding and all
        var fast = ShardRecords.Record("t", "lib", 2, embedding: false) with { Labels = ["re-ingested"], IngestJobId = "ingest-fast" };
        await using (var silo = await StartAsync())
        {
            await silo.Sample(standard.SampleId).Record(standard);
        }

        await using (var silo = await StartAsync())
        {
            // Before, the fast record replaced the standard one: the embedding, key and tempo were gone.
            var kept = await silo.Sample(standard.SampleId).Record(fast);

            Assert.Equal(AnalysisLevel.Standard, kept.Analysis.Level);
            Assert.NotNull(kept.Analysis.Embedding);
            Assert.Equal(["re-ingested"], kept.Labels);
            Assert.Equal("ingest-fast", kept.IngestJobId);
            Assert.Equal(kept, await silo.Sample(standard.SampleId).Get());

            // Other bytes under the same path, or a level as high or higher, are analysed anew and replace it.
            var changed = fast with { ContentSha256 = "sha-other" };
            Assert.Equal(AnalysisLevel.Fast, (await silo.Sample(standard.SampleId).Record(changed)).Analysis.Level);
            var full = standard with { Analysis = standard.Analysis with { Level = AnalysisLevel.Full } };
            Assert.Equal(AnalysisLevel.Full, (await silo.Sample(standard.SampleId).Record(full)).Analysis.Level);
        }
    }

    [Fact]
    public void A_sample_activation_is_collected_after_a_minute_idle_not_the_silos_fifteen()
    {
        var sample = Assert.Single(GrainTypeRegistry.GrainClasses, c => c.ClassType == typeof(SampleGrain));

        Assert.Equal(TimeSpan.FromMinutes(1), sample.CollectionAge);
        Assert.True(sample.CollectionAge < new SiloOptions().CollectionAge);
    }

    private async Task<Silo> StartAsync()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSampleMindSilo(o =>
        {
            o.Storage = "sqlite";
            o.DataDirectory = _dir;
        });
        builder.Services.AddSingleton(SiloStorageLayout.From(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Silo:DataDirectory"] = _dir })
            .Build()));
        var host = builder.Build();
        await host.StartAsync();
        return new Silo(host);
    }

    private sealed class Silo(IHost host) : IAsyncDisposable
    {
        public ISampleGrain Sample(string sampleId) => host.Services.GetRequiredService<IGrainFactory>().GetGrain<ISampleGrain>(sampleId);

        public Task<GrainStateRecord?> ReadStoredAsync(string sampleId) =>
            host.Services.GetRequiredService<IGrainStorage>().ReadAsync("sample", sampleId, "sample", CancellationToken.None);

        public async ValueTask DisposeAsync()
        {
            await host.StopAsync();
            host.Dispose();
        }
    }
}
