namespace SampleMind.Scheduling.Processing;

/// <summary>Does the work of one kind of item; registered with a <see cref="WorkProcessor"/> by kind.</summary>
public interface IWorkHandler
{
    /// <summary>
    /// Processes one leased item. Return an outcome rather than throwing for expected failures; an
    /// exception counts as a retryable failure. <paramref name="cancellationToken"/> fires when the
    /// worker stops or the lease was lost: stop promptly, the item will be handed out again.
    /// </summary>
    Task<WorkOutcome> HandleAsync(WorkItem item, CancellationToken cancellationToken);
}
