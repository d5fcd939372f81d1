using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SampleMind.Scheduling.Diagnostics;

namespace SampleMind.Scheduling.Processing;

/// <summary>
/// A worker loop: claims items in batches up to its concurrency, runs their handlers concurrently,
/// renews the leases of long items, records outcomes, and on cancellation stops promptly and gives
/// back the leases it still holds. Items that succeed are recorded with the next claim, in its transaction
/// (<see cref="IWorkQueue.CompleteAndClaimAsync"/>), or on their own after <see cref="WorkProcessorOptions.RecordDelay"/>;
/// failures are recorded at once. An outcome the queue cannot take (its database down) is kept and recorded after the next
/// claim that reaches the queue. A finished item keeps its lease until it is recorded, so the worker never holds
/// more than its concurrency plus its prefetch. Host it from a BackgroundService:
/// <c>protected override Task ExecuteAsync(CancellationToken ct) =&gt; _processor.RunAsync(ct);</c>
/// </summary>
public sealed class WorkProcessor
{
    private readonly IWorkQueue _queue;
    private readonly IReadOnlyDictionary<string, IWorkHandler> _handlers;
    private readonly WorkProcessorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Items that succeeded and wait to be recorded, oldest first; guarded by itself.</summary>
    private readonly List<WorkCompletion> _finished = [];

    /// <summary>When the oldest item in <see cref="_finished"/> finished.</summary>
    private DateTimeOffset _oldestFinished;

    /// <summary>
    /// Outcomes the queue could not take when they came (its database down): recorded after the next claim that
    /// reaches the queue, while their leases still hold, instead of leaving their items leased until the lease runs
    /// out; guarded by itself.
    /// </summary>
    private readonly List<Func<Task>> _unrecorded = [];

    /// <summary>Creates a processor dispatching items to <paramref name="handlersByKind"/>.</summary>
    public WorkProcessor(
        IWorkQueue queue,
        IReadOnlyDictionary<string, IWorkHandler> handlersByKind,
        WorkProcessorOptions options,
        TimeProvider? timeProvider = null,
        ILogger<WorkProcessor>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(handlersByKind);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _queue = queue;
        _handlers = handlersByKind;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<WorkProcessor>.Instance;
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> fires, then returns its leases.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        SchedulingLog.ProcessorStarted(_logger, _options.WorkerId, string.Join(',', _options.Roles), _options.Concurrency);
        await TakeBackPredecessorsLeasesAsync(cancellationToken);
        var running = new List<Task>(_options.Concurrency);
        var claimed = new Queue<(WorkItem Item, DateTimeOffset ClaimedAt)>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                running.RemoveAll(task => task.IsCompleted);
                while (running.Count < _options.Concurrency && claimed.TryDequeue(out var next))
                {
                    // On a pool thread of its own: a handler's synchronous start (hashing a file) does not hold up the loop.
                    running.Add(Task.Run(() => ProcessAsync(next.Item, next.ClaimedAt, cancellationToken), CancellationToken.None));
                }

                var idle = false;
                var arrival = _queue.Arrivals.Next;
                if (claimed.Count == 0)
                {
                    var wanted = Math.Min(_options.Concurrency + _options.Prefetch - running.Count, _options.BatchSize);
                    if (wanted > 0)
                    {
                        var batch = await TryRecordAndClaimAsync(wanted, cancellationToken);
                        var claimedAt = _time.GetUtcNow();
                        foreach (var item in batch)
                        {
                            claimed.Enqueue((item, claimedAt));
                        }

                        if (batch.Count > 0)
                        {
                            continue;
                        }

                        idle = true;
                    }
                }

                var recordIn = RecordDue();
                if (recordIn <= TimeSpan.Zero)
                {
                    await TryRecordAndClaimAsync(0, cancellationToken);
                    continue;
                }

                await WaitForRoomAsync(running, idle ? arrival : null, recordIn, cancellationToken);
            }
        }
        finally
        {
            await Task.WhenAll(running);
            await TryRecordAndClaimAsync(0, CancellationToken.None);
            await RecordUnrecordedAsync();
            await ReleaseAsync();
        }
    }

    /// <summary>
    /// Records the items that finished since the last claim and claims up to <paramref name="wanted"/> more (0: none), in
    /// one transaction. When that fails, the finished items are recorded one by one (one that cannot be recorded does
    /// not hold up the others or the next claim); when it is cancelled (stopping), they are kept for the last record.
    /// </summary>
    private async Task<IReadOnlyList<WorkItem>> TryRecordAndClaimAsync(int wanted, CancellationToken cancellationToken)
    {
        var finished = TakeFinished();
        if (finished.Count == 0 && wanted == 0)
        {
            return [];
        }

        try
        {
            var claim = await _queue.CompleteAndClaimAsync(finished, _options.WorkerId, _options.Roles, wanted, _options.LeaseDuration, cancellationToken);
            await RecordUnrecordedAsync();
            return claim.Claimed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            KeepFinished(finished);
            return [];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            SchedulingLog.ClaimFailed(_logger, ex, _options.WorkerId);
            foreach (var completion in finished)
            {
                await RecordAsync(completion);
            }

            return [];
        }
    }

    private List<WorkCompletion> TakeFinished()
    {
        lock (_finished)
        {
            if (_finished.Count == 0)
            {
                return [];
            }

            var taken = new List<WorkCompletion>(_finished);
            _finished.Clear();
            return taken;
        }
    }

    private void KeepFinished(params IReadOnlyList<WorkCompletion> completions)
    {
        lock (_finished)
        {
            if (_finished.Count == 0)
            {
                _oldestFinished = _time.GetUtcNow();
            }

            _finished.AddRange(completions);
        }
    }

    /// <summary>How long until the oldest finished item is due to be recorded on its own; null when none waits.</summary>
    private TimeSpan? RecordDue()
    {
        lock (_finished)
        {
            if (_finished.Count == 0)
            {
                return null;
            }

            var limit = _options.RecordDelay < _options.LeaseDuration / 4 ? _options.RecordDelay : _options.LeaseDuration / 4;
            return limit - (_time.GetUtcNow() - _oldestFinished);
        }
    }

    /// <summary>
    /// Waits for a running item to finish, or, when the queue looked empty (<paramref name="arrival"/> given), for the
    /// idle delay or this process's next work arrival, whichever comes first; and at most until finished items are due
    /// to be recorded (<paramref name="recordIn"/>).
    /// </summary>
    private async Task WaitForRoomAsync(List<Task> running, Task? arrival, TimeSpan? recordIn, CancellationToken cancellationToken)
    {
        using var wakeCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = arrival is null ? Timeout.InfiniteTimeSpan : _options.IdleDelay;
        if (recordIn is { } due && (delay == Timeout.InfiniteTimeSpan || due < delay))
        {
            delay = due;
        }

        var wake = Task.Delay(delay, _time, wakeCancel.Token);
        running.Add(wake);
        if (arrival is not null)
        {
            running.Add(arrival);
        }

        try
        {
            await Task.WhenAny(running);
        }
        finally
        {
            running.Remove(wake);
            if (arrival is not null)
            {
                running.Remove(arrival);
            }

            await wakeCancel.CancelAsync();
        }
    }

    private async Task ProcessAsync(WorkItem item, DateTimeOffset claimedAt, CancellationToken stopping)
    {
        // A prefetched item that waited for a free slot through a third of its lease is renewed before it starts;
        // if its lease is gone (reclaimed by another worker), it is not worked on here.
        if (_time.GetUtcNow() - claimedAt >= RenewIntervalFor() && !await RenewBeforeStartAsync(item, stopping))
        {
            return;
        }

        using var activity = SchedulingTracing.StartProcess(item, _options.WorkerId);
        using var itemCancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        using var renewStop = new CancellationTokenSource();
        var renewal = RenewWhileRunningAsync(item, itemCancel, renewStop.Token);
        WorkOutcome? outcome = null;
        try
        {
            outcome = await HandleAsync(item, itemCancel.Token);
        }
        catch (OperationCanceledException) when (itemCancel.IsCancellationRequested)
        {
            // Stopping (the lease is given back) or lease lost (another worker has the item): record nothing.
        }
        catch (Exception ex)
        {
            SchedulingLog.HandlerFailed(_logger, ex, item.Kind, item.Id);
            outcome = WorkOutcome.Retry($"{ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            await renewStop.CancelAsync();
            await renewal;
        }

        if (outcome is { Succeeded: false })
        {
            SchedulingTracing.Failed(activity, outcome.Error);
        }

        if (outcome is { Succeeded: true } && _options.RecordDelay > TimeSpan.Zero)
        {
            KeepFinished(new WorkCompletion(item.Id, item.LeaseToken, outcome.ResultJson, outcome.Tallies));
        }
        else if (outcome is not null)
        {
            await RecordAsync(item, outcome);
        }
    }

    private Task<WorkOutcome> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        if (_handlers.TryGetValue(item.Kind, out var handler))
        {
            return handler.HandleAsync(item, cancellationToken);
        }

        SchedulingLog.NoHandler(_logger, _options.WorkerId, item.Kind, item.Id);
        return Task.FromResult(WorkOutcome.Retry($"no handler for kind '{item.Kind}' on worker {_options.WorkerId}"));
    }

    private async Task RenewWhileRunningAsync(WorkItem item, CancellationTokenSource itemCancel, CancellationToken stop)
    {
        var interval = RenewIntervalFor();
        while (true)
        {
            // The wait ends without throwing when the item finishes (awaiting the canceled delay would throw once per item).
            await Task.Delay(interval, _time, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (stop.IsCancellationRequested)
            {
                return;
            }

            try
            {
                if (!await TryRenewAsync(item, stop))
                {
                    SchedulingLog.LeaseLost(_logger, _options.WorkerId, item.Id);
                    await itemCancel.CancelAsync();
                    return;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task<bool> RenewBeforeStartAsync(WorkItem item, CancellationToken stopping)
    {
        try
        {
            if (await TryRenewAsync(item, stopping))
            {
                return true;
            }

            SchedulingLog.LeaseLost(_logger, _options.WorkerId, item.Id);
            return false;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: the lease is given back with the others.
            return false;
        }
    }

    private TimeSpan RenewIntervalFor() => _options.RenewInterval ?? _options.LeaseDuration / 3;

    private async Task<bool> TryRenewAsync(WorkItem item, CancellationToken stop)
    {
        try
        {
            return await _queue.RenewAsync(item.Id, item.LeaseToken, _options.LeaseDuration, stop);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The queue is unreachable for now: keep working, try again at the next interval.
            SchedulingLog.ClaimFailed(_logger, ex, _options.WorkerId);
            return true;
        }
    }

    private async Task RecordAsync(WorkCompletion completion)
    {
        try
        {
            await _queue.CompleteAsync(completion.ItemId, completion.LeaseToken, completion.ResultJson, completion.Tallies, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Tried again after the next claim that reaches the queue; if the lease runs out first, the item is handed
            // out again.
            SchedulingLog.ClaimFailed(_logger, ex, _options.WorkerId);
            KeepUnrecorded(() => RecordAsync(completion));
        }
    }

    private void KeepUnrecorded(Func<Task> record)
    {
        lock (_unrecorded)
        {
            _unrecorded.Add(record);
        }
    }

    /// <summary>Records the outcomes kept by <see cref="KeepUnrecorded"/> (those that fail again are kept again).</summary>
    private async Task RecordUnrecordedAsync()
    {
        List<Func<Task>> kept;
        lock (_unrecorded)
        {
            if (_unrecorded.Count == 0)
            {
                return;
            }

            kept = [.. _unrecorded];
            _unrecorded.Clear();
        }

        foreach (var record in kept)
        {
            await record();
        }
    }

    private async Task RecordAsync(WorkItem item, WorkOutcome outcome)
    {
        // Outcomes are recorded even while stopping: the work is done, and recording is short.
        if (outcome.Succeeded)
        {
            await RecordAsync(new WorkCompletion(item.Id, item.LeaseToken, outcome.ResultJson, outcome.Tallies));
            return;
        }

        try
        {
            await _queue.FailAsync(item.Id, item.LeaseToken, outcome.Error ?? "failed", outcome.Retryable, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // As for a completion: tried again after the next claim that reaches the queue.
            SchedulingLog.ClaimFailed(_logger, ex, _options.WorkerId);
            KeepUnrecorded(() => RecordAsync(item, outcome));
        }
    }

    /// <summary>
    /// Leases under this worker's id before it has claimed anything are a predecessor's: a process with the same id
    /// (a silo restarted with its <c>Silo:SiloId</c>, the embedded host on its data directory) that was killed. They go
    /// back to the queue at once instead of holding their items until the lease runs out, and the attempt counts, as for
    /// an expired lease: an item that crashes the process is set aside after its last attempt instead of crash-looping it.
    /// When the queue cannot be reached they expire as they would have.
    /// </summary>
    private async Task TakeBackPredecessorsLeasesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _queue.ReclaimLeasesOfAsync(_options.WorkerId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            SchedulingLog.ClaimFailed(_logger, ex, _options.WorkerId);
        }
    }

    private async Task ReleaseAsync()
    {
        var released = 0;
        try
        {
            released = await _queue.ReleaseLeasesOfAsync(_options.WorkerId, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            SchedulingLog.ClaimFailed(_logger, ex, _options.WorkerId);
        }

        SchedulingLog.ProcessorStopped(_logger, _options.WorkerId, released);
    }
}
