using SampleMind.Audio;
using SampleMind.Grains.Abstractions.Ingest;
using SampleMind.Grains.Abstractions.Samples;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Grains.Ingest;
using SampleMind.Runtime;
using SampleMind.TestSupport;

namespace SampleMind.Grains.Tests.Ingest;

/// <summary>
/// A file whose bytes repeat a sample of the library is linked to it as a copy and takes its analysis only when that is
/// at the job's level or richer: a copy found by a `standard` job of a sample ingested at `fast` is analysed at
/// `standard` (it was left at `fast`, without tempo, key or embedding, so similar refused it).
/// </summary>
public sealed class IngestCopyLevelTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("samplemind-copy-level-").FullName;
    private IngestSilo? _silo;

    private IGrainFactory Grains => _silo!.Grains;

    public async Task InitializeAsync() => _silo = await IngestSilo.StartAsync(new Dictionary<string, string?>());

    public async Task DisposeAsync()
    {
        await _silo!.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_copy_of_a_fast_sample_found_by_a_standard_job_is_analysed_at_standard_and_a_fast_job_takes_the_richer_analysis()
    {
        await Grains.GetGrain<ITenantGrain>("t").Create("t", "pro");
        var first = Folder("first", "a.wav");
        var second = Folder("second", "b.wav");
        var third = Folder("third", "c.wav");

        await RunAsync("job-fast", first, "fast");
        await RunAsync("job-standard", second, "standard");
        await RunAsync("job-fast-again", third, "fast");

        var a = await RecordAsync("a.wav");
        var b = await RecordAsync("b.wav");
        var c = await RecordAsync("c.wav");
        Assert.Equal((AnalysisLevel.Fast, (string?)null), (a.Analysis.Level, a.DuplicateOf));
        Assert.Equal((AnalysisLevel.Standard, a.SampleId), (b.Analysis.Level, b.DuplicateOf));
        Assert.NotNull(b.Analysis.Embedding);
        // Below the original's level: the copy of a `fast` job takes the original's analysis as it is.
        Assert.Equal((AnalysisLevel.Fast, a.SampleId), (c.Analysis.Level, c.DuplicateOf));
    }

    private string Folder(string name, string file)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir, name)).FullName;
        WavWriter.Sine(Path.Combine(folder, file), 330, seconds: 2);
        return folder;
    }

    private async Task RunAsync(string jobId, string root, string level)
    {
        var spec = new IngestJobSpec(jobId, "t", "lib", IngestSourceKind.Directory, root, null, level, 5, null, [], DateTimeOffset.UtcNow);
        var status = await _silo!.RunJobAsync(spec, TimeSpan.FromSeconds(60));
        Assert.Equal((JobState.Completed, 1L), (status.State, status.Succeeded));
    }

    private async Task<SampleRecord> RecordAsync(string file) =>
        (await Grains.GetGrain<ISampleGrain>(IngestItemProcessor.SampleIdFor("t", "lib", file)).Get())!;
}
