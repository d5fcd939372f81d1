using SampleMind.Grains.Abstractions.Compute;
using SampleMind.Runtime;

namespace SampleMind.Grains.Compute;

/// <summary>Holds one compute request; the work handler moves it from queued to running to done or failed.</summary>
public sealed class ComputeRequestGrain(
    [PersistentState("compute", "Default")] IPersistentState<ComputeRequestState> state,
    TimeProvider time) : Grain, IComputeRequestGrain
{
    public async Task<ComputeStatus> Create(ComputeRequest request)
    {
        if (state.State.Status is { } existing)
        {
            return existing;
        }

        state.State.Status = new ComputeStatus(request, ComputeState.Queued, null, [], null, null);
        await state.WriteStateAsync();
        return state.State.Status;
    }

    public Task<ComputeStatus?> GetStatus() => Task.FromResult(state.State.Status);

    public Task<ComputeStatus?> Start(string method) =>
        UpdateAsync(s => s.State is ComputeState.Done
            ? s
            : s with { State = ComputeState.Running, Method = method, Error = null, Progress = 0, Attempts = s.Attempts + 1 });

    public Task<ComputeStatus?> ReportProgress(double fraction) =>
        UpdateAsync(s => s.State is ComputeState.Running ? s with { Progress = Math.Clamp(fraction, 0, 1) } : s);

    public Task<ComputeStatus?> Complete(string method, IReadOnlyList<ComputeFile> files) =>
        UpdateAsync(s => s.State is ComputeState.Done
            ? s
            : s with { State = ComputeState.Done, Method = method, Files = files, Error = null, Progress = 1, CompletedAt = time.GetUtcNow() });

    public Task<ComputeStatus?> Fail(string error) =>
        UpdateAsync(s => s.State is ComputeState.Done ? s : s with { State = ComputeState.Failed, Error = error, CompletedAt = time.GetUtcNow() });

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
