using SampleMind.Runtime;

namespace SampleMind.Grains.Abstractions.Compute;

/// <summary>One compute request (key: the request id): what was asked, its state and its files.</summary>
public interface IComputeRequestGrain : IGrainWithStringKey
{
    /// <summary>Records the request as queued; a second call returns the existing status unchanged.</summary>
    Task<ComputeStatus> Create(ComputeRequest request);

    /// <summary>The status, or null when no request has this id.</summary>
    Task<ComputeStatus?> GetStatus();

    /// <summary>Marks the request running with the method it uses (progress 0, one more attempt); a done request stays done.</summary>
    Task<ComputeStatus?> Start(string method);

    /// <summary>Records how much of the running attempt is done (0 to 1); ignored unless running.</summary>
    Task<ComputeStatus?> ReportProgress(double fraction);

    /// <summary>Marks the request done with its files; the first completion wins, later ones change nothing.</summary>
    Task<ComputeStatus?> Complete(string method, IReadOnlyList<ComputeFile> files);

    /// <summary>Marks the request failed.</summary>
    Task<ComputeStatus?> Fail(string error);
}
