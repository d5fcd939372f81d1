namespace SampleMind.Scheduling;

/// <summary>
/// A pulse for waiters in this process that something in the queue changed: claimable work appeared
/// (<see cref="IWorkQueue.Arrivals"/>: an idle worker claims at once instead of after its idle delay) or an item's
/// outcome was recorded (<see cref="IWorkQueue.Outcomes"/>: a progress stream reads the job now). A hint only: waiters
/// still poll, which covers changes made by another process.
/// </summary>
/// <remarks>
/// A waiter takes <see cref="Next"/> <i>before</i> it looks at the queue: a pulse that comes while it looks completes
/// the task it already holds, so no pulse falls between the look and the wait.
/// </remarks>
public sealed class WorkSignal
{
    private TaskCompletionSource _next = NewSource();

    /// <summary>Completes at the next <see cref="Pulse"/>.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>Wakes everything waiting on <see cref="Next"/>.</summary>
    public void Pulse() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
