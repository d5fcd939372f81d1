using Microsoft.Extensions.DependencyInjection;
using SampleMind.Grains.Abstractions.Ingest;
using SampleMind.Grains.Abstractions.Webhooks;
using SampleMind.Grains.Ingest;
using SampleMind.Scheduling;
using SampleMind.TestSupport;

namespace SampleMind.Grains.Tests.Ingest;

/// <summary>
/// A pause or resume answers with the state it set when it took effect, and one that did not take effect raises no
/// event: a pause whose job's last files were recorded during it answered Completed (the API's 409 "has ended") though
/// its job.paused event went out. The silo has no cpu role; the test claims the job's items as a worker would and
/// records them at the moment under test. The webhook URL is refused by policy, so each event is logged and given up.
/// </summary>
public sealed class IngestJobSteerAnswerTests : IAsyncLifetime
{
    private const string WebhookUrl = "http://127.0.0.1:9/hook";
    private SteppedIngestWork? _work;
    private IngestSilo? _silo;

    public async Task InitializeAsync() => _silo = await IngestSilo.StartAsync(new Dictionary<string, string?> { ["Silo:Roles:0"] = "api" }, services =>
    {
        services.AddSingleton<QueueIngestWork>();
        services.AddSingleton<IIngestWork>(sp => _work = new SteppedIngestWork(sp.GetRequiredService<QueueIngestWork>()));
    });

    public async Task DisposeAsync() => await _silo!.DisposeAsync();

    [Fact]
    public async Task A_pause_during_which_the_last_files_are_recorded_answers_paused_and_the_job_then_completes()
    {
        var job = await _silo!.ListedJobAsync("job-pause-race", files: 2, WebhookUrl);
        var claimed = await ClaimAllAsync(2);
        _work!.AfterSteer = () => RecordAsync(claimed);

        var paused = await job.Pause();

        Assert.Equal(JobState.Paused, paused!.State);
        Assert.Equal(JobState.Completed, (await WaitForEndAsync(job)).State);
        Assert.Equal([WebhookEventTypes.Paused, WebhookEventTypes.Completed], await EventTypesAsync("job-pause-race"));
    }

    [Fact]
    public async Task A_resume_during_which_the_last_files_are_recorded_answers_running_and_the_job_then_completes()
    {
        var job = await _silo!.ListedJobAsync("job-resume-race", files: 2, WebhookUrl);
        var claimed = await ClaimAllAsync(2);
        Assert.Equal(JobState.Paused, (await job.Pause())!.State);
        _work!.AfterSteer = () => RecordAsync(claimed);

        var resumed = await job.Resume();

        Assert.Equal(JobState.Running, resumed!.State);
        Assert.Equal(JobState.Completed, (await WaitForEndAsync(job)).State);
        Assert.Equal([WebhookEventTypes.Paused, WebhookEventTypes.Resumed, WebhookEventTypes.Completed], await EventTypesAsync("job-resume-race"));
    }

    [Fact]
    public async Task A_resume_after_the_last_files_were_recorded_answers_completed_and_raises_no_resumed_event()
    {
        var job = await _silo!.ListedJobAsync("job-resume-late", files: 2, WebhookUrl);
        var claimed = await ClaimAllAsync(2);
        Assert.Equal(JobState.Paused, (await job.Pause())!.State);
        await RecordAsync(claimed);

        var resumed = await job.Resume();

        Assert.Equal(JobState.Completed, resumed!.State);
        Assert.Equal([WebhookEventTypes.Paused, WebhookEventTypes.Completed], await EventTypesAsync("job-resume-late"));
    }

    private async Task<IReadOnlyList<WorkItem>> ClaimAllAsync(int count)
    {
        var claimed = await _silo!.Services.GetRequiredService<IWorkQueue>().ClaimAsync("test-worker", [WorkRoles.Cpu], 10, TimeSpan.FromMinutes(5));
        Assert.Equal(count, claimed.Count);
        return claimed;
    }

    private async Task RecordAsync(IReadOnlyList<WorkItem> claimed)
    {
        var queue = _silo!.Services.GetRequiredService<IWorkQueue>();
        foreach (var item in claimed)
        {
            Assert.True(await queue.CompleteAsync(item.Id, item.LeaseToken, null));
        }
    }

    private static async Task<JobStatus> WaitForEndAsync(IIngestJobGrain job)
    {
        JobStatus? status = null;
        await Eventually.HoldsAsync(
            async () => (status = await job.GetStatus())!.State is JobState.Completed or JobState.Cancelled, TimeSpan.FromSeconds(30), "the job to end");
        return status!;
    }

    /// <summary>The types of the job's events once the last one is queued (the end's comes a check after the job ends).</summary>
    private async Task<IEnumerable<string>> EventTypesAsync(string jobId)
    {
        WebhookDeliveryLog? log = null;
        await Eventually.HoldsAsync(async () =>
        {
            log = await _silo!.Grains.GetGrain<IWebhookDeliveryGrain>(jobId).GetLog();
            return log.Events.Count > 0 && log.Events[^1].Type == WebhookEventTypes.Completed;
        }, TimeSpan.FromSeconds(30), $"job {jobId}'s end event");
        return log!.Events.Select(e => e.Type);
    }
}
