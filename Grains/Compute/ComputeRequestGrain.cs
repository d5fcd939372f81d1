using SampleMind.Grains.Abstractions.Compute;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Runtime;
using SampleMind.Scheduling;

namespace SampleMind.Grains.Compute;

/// <summary>Holds one compute request; the work handler moves it from queued to running to done or failed.</summary>
public sealed class ComputeRequestGrain(
    [PersistentState("compute", "Default")] IPersistentState<ComputeRequestState> state,
    IWorkQueue queue,
    TimeProvider time) : Grain, IComputeRequestGrain, IRemindable
{
    /// <summary>The work queue priority of compute requests (the middle of ingest's range).</summary>
    public const int Priority = 5;

    /// <summary>The reminder that finishes a submission a crash interrupted.</summary>
    private const string SubmitReminder = "compute-submit";

    /// <summary>The prefix of the quota reservation key a submission charges under (then the request id and the submission's own part).</summary>
    private const string ReservationPrefix = "compute:";

    public async Task<ComputeSubmission> Submit(ComputeRequest request, UsageMeter meter)
    {
        if (state.State.Status is { } existing)
        {
            var earlier = state.State.Submitting is { } pending ? await FinishSubmissionAsync(pending) : new ComputeSubmission(existing, null);
            return earlier with { Existed = true };
        }

        // The reminder first: a crash after it and before the record leaves a reminder that finds nothing and ends. Due
        // in 10 s (a submission takes milliseconds and then ends it), then every minute while a store is down.
        await RegisterOrUpdateReminder(SubmitReminder, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1));
        state.State.Status = new ComputeStatus(request, ComputeState.Queued, null, [], null, null);
        state.State.Submitting = meter;

        // A key of this submission's own: a refused one is remembered by the tenant, and a later submission of the same
        // id (a client's Idempotency-Key sent again, the id derived from it) must be asked afresh, not refused from memory.
        state.State.ReservationKey = $"{ReservationPrefix}{request.RequestId}:{Guid.NewGuid():N}";
        await state.WriteStateAsync();
        return await FinishSubmissionAsync(meter);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != SubmitReminder)
        {
            return;
        }

        if (state.State.Submitting is { } meter && state.State.Status is not null)
        {
            await FinishSubmissionAsync(meter);
        }
        else
        {
            await EndReminderAsync();
        }
    }

    public Task<ComputeStatus?> GetStatus() => Task.FromResult(state.State.Status);

    public Task<ComputeStatus?> Start(string method) =>
        UpdateAsync(s => s.State is ComputeState.Done or ComputeState.Cancelled
            ? s
            : s with { State = ComputeState.Running, Method = method, Error = null, Progress = 0, Attempts = s.Attempts + 1 });

    public Task<ComputeStatus?> ReportProgress(double fraction) =>
        UpdateAsync(s => s.State is ComputeState.Running ? s with { Progress = Math.Clamp(fraction, 0, 1) } : s);

    public Task<ComputeStatus?> Complete(string method, IReadOnlyList<ComputeFile> files) =>
        UpdateAsync(s => s.State is ComputeState.Done or ComputeState.Cancelled
            ? s
            : s with { State = ComputeState.Done, Method = method, Files = files, Error = null, Progress = 1, CompletedAt = time.GetUtcNow() });

    /// <summary>Marks the request failed and gives its quota use back to the tenant (once).</summary>
    public async Task<ComputeStatus?> Fail(string error) =>
        await RefundAsync(await UpdateAsync(s => s.State is ComputeState.Done or ComputeState.Cancelled
            ? s
            : s with { State = ComputeState.Failed, Error = error, CompletedAt = time.GetUtcNow() }));

    public async Task<ComputeStatus?> Cancel()
    {
        if (state.State.Status is not { State: ComputeState.Queued or ComputeState.Running } || state.State.Submitting is not null)
        {
            return state.State.Status;
        }

        var status = await UpdateAsync(s => s with { State = ComputeState.Cancelled, Progress = 0, CompletedAt = time.GetUtcNow() });
        await queue.CancelJobAsync(status!.Request.RequestId, CancellationToken.None);
        return await RefundAsync(status);
    }

    /// <summary>Gives a failed or cancelled request's unit back to its tenant, once.</summary>
    private async Task<ComputeStatus?> RefundAsync(ComputeStatus? status)
    {
        if (status is { State: ComputeState.Failed or ComputeState.Cancelled, Refunded: false } && state.State.Charge is { } charge)
        {
            await GrainFactory.GetGrain<ITenantGrain>(status.Request.TenantId).Refund(ReservationKey(status.Request), charge);
            status = await UpdateAsync(s => s with { Refunded = true });
        }

        return status;
    }

    /// <summary>
    /// Charges the use (the tenant remembers the grant under the request's key, so a second try after a crash gets the
    /// same grant, not a second charge) and queues the request (items are keyed: queuing again adds nothing).
    /// </summary>
    private async Task<ComputeSubmission> FinishSubmissionAsync(UsageMeter meter)
    {
        var request = state.State.Status!.Request;
        var grant = await GrainFactory.GetGrain<ITenantGrain>(request.TenantId).Reserve(meter, 1, ReservationKey(request));
        if (grant.Granted == 0)
        {
            await state.ClearStateAsync();
            await EndReminderAsync();
            return new ComputeSubmission(null, grant);
        }

        state.State.Charge = grant;
        await queue.RegisterJobAsync(new WorkJob(request.RequestId, request.TenantId, Priority, request.Kind), CancellationToken.None);
        await queue.EnqueueAsync(request.RequestId,
            [new WorkItemRequest(request.RequestId, request.Kind, WorkRoles.Gpu, request.RequestId)], CancellationToken.None);
        await GrainFactory.GetGrain<ITenantGrain>(request.TenantId).RecordComputeRequest(request.RequestId);
        state.State.Submitting = null;
        await state.WriteStateAsync();
        await EndReminderAsync();
        return new ComputeSubmission(state.State.Status, null);
    }

    /// <summary>The key the submission charges under (records written before submissions had keys of their own: the request's).</summary>
    private string ReservationKey(ComputeRequest request) => state.State.ReservationKey ?? ReservationPrefix + request.RequestId;

    private async Task EndReminderAsync()
    {
        if (await GetReminder(SubmitReminder) is { } reminder)
        {
            await UnregisterReminder(reminder);
        }
    }

    private async Task<ComputeStatus?> UpdateAsync(Func<ComputeStatus, ComputeStatus> change)
    {
        if (state.State.Status is not { } current)
        {
            return null;
        }

        var next = change(current);
        if (next != current)
        {
            state.State.Status = next;
            await state.WriteStateAsync();
        }

        return next;
    }
}
