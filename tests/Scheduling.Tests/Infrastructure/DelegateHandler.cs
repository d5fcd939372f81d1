using SampleMind.Scheduling.Processing;

namespace SampleMind.Scheduling.Tests.Infrastructure;

/// <summary>A handler made of a lambda.</summary>
public sealed class DelegateHandler(Func<WorkItem, CancellationToken, Task<WorkOutcome>> handle) : IWorkHandler
{
    public Task<WorkOutcome> HandleAsync(WorkItem item, CancellationToken cancellationToken) => handle(item, cancellationToken);
}
