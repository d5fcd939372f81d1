using System.Globalization;
using Microsoft.Extensions.Options;
using SampleMind.Grains.Abstractions.Ingest;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Grains.Abstractions.Webhooks;
using SampleMind.Runtime;

namespace SampleMind.Grains.Ingest;

/// <summary>
/// A resumable ingest job. It lists its source into work items one bounded batch per timer turn,
/// persisting the cursor after each batch, so a crash loses at most a batch of listing, and that
/// batch is listed again harmlessly (enqueueing is idempotent per path, and the batch's reservation of the
/// tenant's ingest quota is idempotent on its starting position). Silos' workers analyse the
/// items; the job reads its exact counts from the work queue and completes when nothing is left.
/// A durable reminder re-activates the job after a restart until it ends. Once listed, the job reads its counts every
/// second, and every 50 ms in its <see cref="JobTail"/> (with a horizon of that second: the last second of its work at
/// its current rate), so it completes (and its webhook fires) right after its last
/// file even when no client is reading its status.
/// </summary>
public sealed class IngestJobGrain(
    [PersistentState("ingestjob", "Default")] IPersistentState<IngestJobState> state,
    IIngestWork work,
    IOptions<IngestOptions> options,
    TimeProvider time) : Grain, IIngestJobGrain, IRemindable
{
    private const string WatchdogReminder = "ingest-watchdog";

    /// <summary>Tries at listing a batch before the job gives up on the rest of its source.</summary>
    private const int ListAttempts = 5;

    /// <summary>The wait after a batch's first failed listing; it doubles with each later failure.</summary>
    private static readonly TimeSpan s_firstListRetry = TimeSpan.FromMilliseconds(250);

    /// <summary>The key of the item a job that gave up listing its source fails, with the reason.</summary>
    private const string UnlistedKey = ".";

    private static readonly TimeSpan s_listPeriod = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan s_checkPeriod = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_tailCheckPeriod = TimeSpan.FromMilliseconds(50);
    private readonly ProgressRate _rate = new();
    private IDisposable? _timer;
    private TimeSpan _timerPeriod;
    private DirectoryBatches? _directoryBatches;
    private int _listFailures;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Spec is not null && state.State.State is JobState.Running or JobState.Paused)
        {
            StartTimer(state.State.ListingComplete ? s_checkPeriod : s_listPeriod);
        }

        return Task.CompletedTask;
    }

    public async Task<JobStatus> Start(IngestJobSpec spec)
    {
        if (state.State.Spec is null)
        {
            state.State.Spec = spec;
            state.State.State = JobState.Running;
            await work.RegisterJobAsync(spec, CancellationToken.None);
            await GrainFactory.GetGrain<IJobIndexGrain>(JobIndexGrain.AllKey).Add(spec.JobId, spec.CreatedAt);
            await state.WriteStateAsync();
            await RegisterOrUpdateReminder(WatchdogReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
            StartTimer(s_listPeriod);
        }

        return await BuildStatusAsync();
    }

    public async Task<JobStatus?> GetStatus() => state.State.Spec is null ? null : await BuildStatusAsync();

    public Task<IngestJobSpec?> GetSpec() => Task.FromResult(state.State.Spec);

    public async Task<JobStatus?> Pause()
    {
        if (state.State.Spec is null)
        {
            return null;
        }

        // A job with nothing left completes instead (no "paused" for a job that is done).
        if (state.State.State == JobState.Running && (await BuildStatusAsync()).State == JobState.Running)
        {
            await work.PauseAsync(GetPrimaryKeyString(), CancellationToken.None);
            state.State.State = JobState.Paused;
            state.State.WebhookEvents++;
            await state.WriteStateAsync();
            await RaiseWebhookAsync(WebhookEventTypes.Paused);
            return await NoteInIndexAsync(await BuildStatusAsync(mayFinish: false));
        }

        return await BuildStatusAsync();
    }

    public async Task<JobStatus?> Resume()
    {
        if (state.State.Spec is null)
        {
            return null;
        }

        // A paused job whose last files were recorded completes instead (no "resumed" for a job that is done).
        if (state.State.State == JobState.Paused && (await BuildStatusAsync()).State == JobState.Paused)
        {
            await work.ResumeAsync(GetPrimaryKeyString(), CancellationToken.None);
            _rate.Reset();
            state.State.State = JobState.Running;
            state.State.WebhookEvents++;
            await state.WriteStateAsync();
            await RaiseWebhookAsync(WebhookEventTypes.Resumed);
            return await NoteInIndexAsync(await BuildStatusAsync(mayFinish: false));
        }

        return await BuildStatusAsync();
    }

    public async Task<JobStatus?> Cancel()
    {
        if (state.State.Spec is null)
        {
            return null;
        }

        if (state.State.State is JobState.Running or JobState.Paused)
        {
            await work.CancelAsync(GetPrimaryKeyString(), CancellationToken.None);
            await FinishAsync(JobState.Cancelled);
        }

        return await BuildStatusAsync();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.State is JobState.Completed or JobState.Cancelled)
        {
            // The end's webhook may not have been queued before a crash; queuing it again is harmless.
            await RaiseEndWhenSettledAsync();
            return;
        }

        StartTimer(state.State.ListingComplete ? s_checkPeriod : s_listPeriod);
    }

    /// <summary>Ticks every <paramref name="period"/>, the first at once unless <paramref name="wait"/> (a retry's backoff).</summary>
    private void StartTimer(TimeSpan period, bool wait = false)
    {
        if (_timer is not null && _timerPeriod == period)
        {
            return;
        }

        _timer?.Dispose();
        _timerPeriod = period;
        _timer = RegisterGrainTimer(OnTimerAsync, wait ? period : TimeSpan.Zero, period);
    }

    private async Task OnTimerAsync(CancellationToken cancellationToken)
    {
        if (state.State.State == JobState.Running && !state.State.ListingComplete)
        {
            await ListNextBatchAsync(cancellationToken);
            return;
        }

        await BuildStatusAsync();
    }

    private async Task ListNextBatchAsync(CancellationToken cancellationToken)
    {
        var spec = state.State.Spec!;
        var batchSize = options.Value.ListBatchSize;
        List<string> batch;
        long nextOffset;
        try
        {
            (batch, nextOffset) = ListBatch(spec, batchSize);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await ListingFailedAsync(spec, e, cancellationToken);
            return;
        }

        if (_listFailures > 0)
        {
            _listFailures = 0;
            StartTimer(s_listPeriod);
        }

        if (batch.Count > 0)
        {
            await EnqueueListedAsync(spec, batch, cancellationToken);
            state.State.Cursor = batch[^1];
            state.State.ManifestOffset = nextOffset;
        }

        state.State.ListingComplete = batch.Count < batchSize;
        await state.WriteStateAsync(cancellationToken);
        if (state.State.ListingComplete)
        {
            // Only once the state is written: replacing the timer cancels this tick's token, which the write takes.
            StartTimer(s_checkPeriod);
        }
    }

    private (List<string> Batch, long NextOffset) ListBatch(IngestJobSpec spec, int batchSize)
    {
        if (spec.SourceKind == IngestSourceKind.Manifest)
        {
            return SourceLister.NextFromManifest(spec.ManifestPath!, state.State.ManifestOffset, batchSize);
        }

        _directoryBatches ??= new DirectoryBatches(spec.Root, options.Value);
        return (_directoryBatches.Next(state.State.Cursor), state.State.ManifestOffset);
    }

    /// <summary>
    /// A batch that could not be listed (the source's folder or manifest unreadable or gone) is tried again after a wait
    /// that doubles each time, instead of at the listing's pace. After <see cref="ListAttempts"/> tries the job stops
    /// listing: one item keyed <see cref="UnlistedKey"/> fails with the reason, and the job completes with what it listed.
    /// </summary>
    private async Task ListingFailedAsync(IngestJobSpec spec, Exception error, CancellationToken cancellationToken)
    {
        if (++_listFailures < ListAttempts)
        {
            StartTimer(s_firstListRetry * (1 << (_listFailures - 1)), wait: true);
            return;
        }

        var after = state.State.Cursor is { } cursor ? $"after '{cursor}'" : "from the start";
        var reason = $"The source could not be listed {after} ({ListAttempts} tries): {SourceLister.Describe(error)}.";
        await work.EnqueueAsync(spec, [UnlistedKey], 0, reason, cancellationToken);
        state.State.ListingComplete = true;
        await state.WriteStateAsync(cancellationToken);
        StartTimer(s_checkPeriod);
    }

    /// <summary>
    /// Enqueues a listed batch: its files within the tenant's quota, and the folders that could not be read (which
    /// count nothing against the quota) set aside with their reasons.
    /// </summary>
    private async Task EnqueueListedAsync(IngestJobSpec spec, List<string> batch, CancellationToken cancellationToken)
    {
        var files = new List<string>(batch.Count);
        foreach (var path in batch)
        {
            if (_directoryBatches?.UnreadableReason(path) is { } reason)
            {
                await work.EnqueueAsync(spec, [path], 0, reason, cancellationToken);
            }
            else
            {
                files.Add(path);
            }
        }

        if (files.Count > 0)
        {
            await EnqueueWithinQuotaAsync(spec, files, cancellationToken);
        }
    }

    /// <summary>
    /// Reserves the batch's files of the tenant's ingest quota, keyed by where the batch starts (so listing it
    /// again after a crash gets the same grant), and enqueues them: the files past the grant fail with the reason.
    /// </summary>
    private async Task EnqueueWithinQuotaAsync(IngestJobSpec spec, List<string> batch, CancellationToken cancellationToken)
    {
        // A manifest may repeat a line; the queue keeps one item per path, so the batch counts each path once.
        IReadOnlyList<string> files = spec.SourceKind == IngestSourceKind.Manifest ? batch.Distinct(StringComparer.Ordinal).ToList() : batch;
        var position = spec.SourceKind == IngestSourceKind.Manifest
            ? state.State.ManifestOffset.ToString(CultureInfo.InvariantCulture)
            : state.State.Cursor ?? "";
        var grant = await GrainFactory.GetGrain<ITenantGrain>(spec.TenantId)
            .Reserve(UsageMeter.IngestedFiles, files.Count, IngestQuota.ReservationKey(spec.JobId, position));
        var covered = Math.Min(grant.Granted, files.Count);
        await work.EnqueueAsync(spec, files, covered, covered < files.Count ? IngestQuota.UsedUpReason(grant) : null, cancellationToken);
    }

    /// <summary>
    /// The job's status, completing the job first when nothing is left, unless <paramref name="mayFinish"/> is false: the
    /// answer of a pause or resume that took effect says so, and the job's next check (its tail's 50 ms) completes it.
    /// </summary>
    private async Task<JobStatus> BuildStatusAsync(bool mayFinish = true)
    {
        var spec = state.State.Spec!;
        var counts = await work.GetCountsAsync(spec.JobId, CancellationToken.None);
        // A paused job completes too once nothing is left (its last files were in flight at the pause): a resume would
        // have nothing to start, and a job paused for good would never say it is done.
        if (mayFinish && state.State.State is JobState.Running or JobState.Paused && state.State.ListingComplete && counts.Pending == 0
            && counts.InFlight == 0)
        {
            await FinishAsync(JobState.Completed);
        }

        var now = time.GetUtcNow();
        var done = counts.Succeeded + counts.Failed;
        var rate = state.State.FinishedAt is { } finishedAt ? ProgressRate.Average(done, spec.CreatedAt, finishedAt) : _rate.Observe(now, done);
        if (state.State.State == JobState.Paused && counts.InFlight == 0)
        {
            // Paused with nothing in hand: nothing moves, whatever the last 10 s averaged.
            rate = 0;
        }

        // No estimate while paused: nothing new starts until someone resumes the job.
        double? eta = state.State.State == JobState.Running && state.State.ListingComplete && rate > 0
            ? (counts.Enqueued - done - counts.Cancelled) / rate
            : null;
        var failures = counts.Failed == 0 ? [] : await work.GetFailuresAsync(spec.JobId, 20, CancellationToken.None);
        var status = new JobStatus(spec.JobId, spec.TenantId, spec.LibraryId, state.State.State, counts.Enqueued, state.State.ListingComplete,
            counts.Succeeded, counts.Duplicates, counts.Failed, counts.InFlight, rate, eta, counts.AudioSeconds,
            spec.CreatedAt, state.State.FinishedAt, failures);
        if (state.State.State == JobState.Cancelled && _timer is not null && counts.InFlight == 0)
        {
            // The last file in hand at the cancel is recorded: the end's webhook carries the final counts.
            await RaiseEndWhenSettledAsync();
        }
        else if (_timer is not null && state.State.ListingComplete)
        {
            StartTimer(JobTail.Reached(status, s_checkPeriod) ? s_tailCheckPeriod : s_checkPeriod);
        }

        return status;
    }

    private async Task FinishAsync(JobState final)
    {
        state.State.State = final;
        state.State.FinishedAt = time.GetUtcNow();
        state.State.WebhookEvents++;
        await state.WriteStateAsync();
        _timer?.Dispose();
        _timer = null;
        await RaiseEndWhenSettledAsync();
    }

    /// <summary>
    /// Queues the end's webhook and drops the watchdog once no file is in hand; until then (a cancel stops new files, the
    /// ones workers hold are still recorded) checks again every second, so the event carries the final counts.
    /// </summary>
    private async Task RaiseEndWhenSettledAsync()
    {
        var counts = await work.GetCountsAsync(state.State.Spec!.JobId, CancellationToken.None);
        await GrainFactory.GetGrain<IJobIndexGrain>(JobIndexGrain.AllKey).Note(state.State.Spec.JobId, state.State.State, counts.Failed);
        if (counts.InFlight > 0)
        {
            StartTimer(s_checkPeriod);
            return;
        }

        _timer?.Dispose();
        _timer = null;
        await RaiseWebhookAsync(FinalEventType());
        await UnregisterWatchdogAsync();
    }

    /// <summary>Tells the dashboard's job index the job's new state (see <see cref="IJobIndexGrain.Note"/>).</summary>
    private async Task<JobStatus> NoteInIndexAsync(JobStatus status)
    {
        await GrainFactory.GetGrain<IJobIndexGrain>(JobIndexGrain.AllKey).Note(status.JobId, status.State, status.Failed);
        return status;
    }

    private string FinalEventType() => state.State.State == JobState.Cancelled ? WebhookEventTypes.Cancelled : WebhookEventTypes.Completed;

    /// <summary>Queues the latest event (id <c>{jobId}.{n}</c>) with the job's webhook, if it has one.</summary>
    private async Task RaiseWebhookAsync(string type)
    {
        var spec = state.State.Spec!;
        if (spec.WebhookUrl is not { } url)
        {
            return;
        }

        var counts = await work.GetCountsAsync(spec.JobId, CancellationToken.None);
        var data = new WebhookJobData(spec.JobId, spec.TenantId, spec.LibraryId, state.State.State, counts.Enqueued,
            counts.Succeeded, counts.Duplicates, counts.Failed, counts.AudioSeconds, spec.CreatedAt, state.State.FinishedAt);
        var webhookEvent = new WebhookEvent($"{spec.JobId}.{state.State.WebhookEvents}", type, time.GetUtcNow(), data);
        await GrainFactory.GetGrain<IWebhookDeliveryGrain>(spec.JobId).Enqueue(spec.TenantId, url, webhookEvent);
    }

    private async Task UnregisterWatchdogAsync()
    {
        if (await GetReminder(WatchdogReminder) is { } reminder)
        {
            await UnregisterReminder(reminder);
        }
    }
}
