using SampleMind.Grains.Abstractions.Ingest;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.TestSupport;

namespace SampleMind.Grains.Tests.Ingest;

/// <summary>
/// A job that has ended reports its rate over its whole run, not the sliding rate of its last seconds, which falls to
/// zero once nothing more is done; a paused job estimates no end.
/// </summary>
public sealed class IngestJobRateTests : IAsyncLifetime
{
    private IngestSilo? _silo;

    public async Task InitializeAsync() => _silo = await IngestSilo.StartAsync(new Dictionary<string, string?>());

    public async Task DisposeAsync() => await _silo!.DisposeAsync();

    [SharedDataFact]
    public async Task An_ended_job_reports_the_files_it_did_over_its_whole_run()
    {
        var root = Path.Combine(RepoPaths.SamplesDev, "cr");
        await _silo!.Grains.GetGrain<ITenantGrain>("t").Create("t", "pro");
        var spec = new IngestJobSpec("job-rate", "t", "lib", IngestSourceKind.Directory, root, null, "fast", 5, null, [], DateTimeOffset.UtcNow);

        var ended = await _silo.RunJobAsync(spec, TimeSpan.FromSeconds(120));
        var again = await _silo.Grains.GetGrain<IIngestJobGrain>(spec.JobId).GetStatus();

        Assert.Equal(JobState.Completed, ended.State);
        Assert.True(ended.Succeeded > 0);
        Assert.NotNull(ended.FinishedAt);
        var expected = (ended.Succeeded + ended.Failed) / (ended.FinishedAt.Value - ended.CreatedAt).TotalSeconds;
        Assert.Equal(expected, ended.FilesPerSecond, 9);
        Assert.Equal(expected, again!.FilesPerSecond, 9);
        Assert.Null(again.EtaSeconds);
    }

    [SharedDataFact]
    public async Task A_paused_job_gives_no_estimate_of_its_end()
    {
        await _silo!.Grains.GetGrain<ITenantGrain>("t").Create("t", "pro");
        var spec = new IngestJobSpec("job-paused", "t", "lib", IngestSourceKind.Directory, RepoPaths.SamplesDev, null, "fast", 5, null, [],
            DateTimeOffset.UtcNow);
        var job = _silo.Grains.GetGrain<IIngestJobGrain>(spec.JobId);
        await job.Start(spec);
        JobStatus? running = null;
        await Eventually.HoldsAsync(async () =>
        {
            running = await job.GetStatus();
            return running!.EtaSeconds is not null || running.State != JobState.Running;
        }, TimeSpan.FromSeconds(60), "the running job to estimate its end");
        Assert.Equal(JobState.Running, running!.State);

        var paused = await job.Pause();

        Assert.Equal(JobState.Paused, paused!.State);
        Assert.Null(paused.EtaSeconds);
        Assert.Null((await job.GetStatus())!.EtaSeconds);

        // Once the files in hand are done, nothing moves: no rate either (it fell off over 10 s, as if still working).
        JobStatus? idle = null;
        await Eventually.HoldsAsync(async () => (idle = await job.GetStatus())!.InFlight == 0, TimeSpan.FromSeconds(60), "the paused job's files in hand to finish");
        Assert.Equal(0, idle!.FilesPerSecond);
        await job.Cancel();
    }
}
