using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Runtime;

namespace SampleMind.Grains.Abstractions.Compute;

/// <summary>One compute request (key: the request id): what was asked, its state and its files.</summary>
public interface IComputeRequestGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records the request, spends one use of <paramref name="meter"/> from its tenant's quota (once, under the request's
    /// id) and queues it for the workers; a second call returns the existing status unchanged. A quota that is used up
    /// refuses it, and no request remains. A crash anywhere in between is finished by a reminder after the restart,
    /// charging the use no more than once.
    /// </summary>
    Task<ComputeSubmission> Submit(ComputeRequest request, UsageMeter meter);

    /// <summary>The status, or null when no request has this id.</summary>
    Task<ComputeStatus?> GetStatus();

    /// <summary>Marks the request running with the method it uses (progress 0, one more attempt); a done request stays done.</summary>
    Task<ComputeStatus?> Start(string method);

    /// <summary>Records how much of the running attempt is done (0 to 1); ignored unless running.</summary>
    Task<ComputeStatus?> ReportProgress(double fraction);

    /// <summary>Marks the request done with its files; the first completion wins, later ones change nothing.</summary>
    Task<ComputeStatus?> Complete(string method, IReadOnlyList<ComputeFile> files);

    /// <summary>
    /// Cancels a queued or running request: it reads <see cref="ComputeState.Cancelled"/>, its unit is given back and its
    /// work item is cancelled (a running attempt's result is thrown away). An ended request is returned unchanged.
    /// </summary>
    Task<ComputeStatus?> Cancel();

    /// <summary>Marks the request failed (a done request stays done) and gives its quota use back to its tenant, once.</summary>
    Task<ComputeStatus?> Fail(string error);
}
