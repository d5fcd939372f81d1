using Microsoft.Extensions.DependencyInjection;
using SampleMind.Grains.Abstractions.Ingest;
using SampleMind.Scheduling;
using SampleMind.TestSupport;

namespace SampleMind.Grains.Tests.Ingest;

/// <summary>
/// A job paused while its last files were in flight completes once they are recorded: it stayed paused with every
/// file done, and a resume then answered that it had ended. The silo here has no cpu role, so no worker of its own
/// takes the job's items; the test claims them as a worker would and records them after the pause.
/// </summary>
public sealed class IngestJobPauseTests : IAsyncLifetime
{
    private IngestSilo? _silo;

    public async Task InitializeAsync() => _silo = await IngestSilo.StartAsync(new Dictionary<string, string?> { ["Silo:Roles:0"] = "api" });

    public async Task DisposeAsync() => await _silo!.DisposeAsync();

    [Fact]
    public async Task A_job_paused_with_its_last_files_in_flight_completes_when_they_are_recorded()
    {
        var job = await _silo!.ListedJobAsync("job-pause-last", files: 2);

        var queue = _silo!.Services.GetRequiredService<IWorkQueue>();
        var claimed = await queue.ClaimAsync("test-worker", [WorkRoles.Cpu], 10, TimeSpan.FromMinutes(5));
        Assert.Equal(2, claimed.Count);
        var paused = await job.Pause();
        Assert.Equal(JobState.Paused, paused!.State);
        Assert.Equal(2, paused.InFlight);
        foreach (var item in claimed)
        {
            Assert.True(await queue.CompleteAsync(item.Id, item.LeaseToken, null));
        }

        JobStatus? ended = null;
        await Eventually.HoldsAsync(
            async () => (ended = await job.GetStatus())!.State != JobState.Paused, TimeSpan.FromSeconds(30), "the paused job to see its last files done");
        Assert.Equal(JobState.Completed, ended!.State);
        Assert.Equal(2, ended.Succeeded);
        Assert.NotNull(ended.FinishedAt);
    }

    [Fact]
    public async Task A_job_paused_with_files_left_to_start_stays_paused()
    {
        var job = await _silo!.ListedJobAsync("job-pause-left", files: 3);

        var queue = _silo!.Services.GetRequiredService<IWorkQueue>();
        var claimed = await queue.ClaimAsync("test-worker", [WorkRoles.Cpu], 2, TimeSpan.FromMinutes(5));
        await job.Pause();
        foreach (var item in claimed)
        {
            Assert.True(await queue.CompleteAsync(item.Id, item.LeaseToken, null));
        }

        var status = await job.GetStatus();
        Assert.Equal(JobState.Paused, status!.State);
        Assert.Equal(2, status.Succeeded);
        Assert.Equal(0, status.InFlight);
        Assert.Null(status.FinishedAt);
    }
}
