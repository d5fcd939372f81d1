namespace SampleMind.Scheduling;

/// <summary>
/// Tells the workers of this process that claimable work may have appeared (items enqueued, a job resumed, leases
/// given back), so an idle worker claims at once instead of after its idle delay. A hint only: workers still poll,
/// which covers work that another process made claimable.
/// </summary>
/// <remarks>
/// A waiter takes <see cref="Next"/> <i>before</i> it looks at the queue: a pulse that comes while it looks completes
/// the task it already holds, so no pulse falls between the look and the wait.
/// </remarks>
public sealed class WorkArrivals
{
    private TaskCompletionSource _next = NewSource();

    /// <summary>Completes at the next <see cref="Pulse"/>.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>Wakes everything waiting on <see cref="Next"/>.</summary>
    public void Pulse() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
