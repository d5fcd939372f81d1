using SampleMind.Runtime;

namespace SampleMind.Grains.Abstractions.Compute;

/// <summary>One compute request (key: the request id): what was asked, its state and its files.</summary>
public interface IComputeRequestGrain : IGrainWithStringKey
{
    /// <summary>Records the request as queued; a second call returns the existing status unchanged.</summary>
    Task<ComputeStatus> Create(ComputeRequest request);

    /// <summary>The status, or null when no request has this id.</summary>
    Task<ComputeStatus?> GetStatus();

    /// <summary>Marks the request running with the method it uses.</summary>
    Task<ComputeStatus?> Start(string method);

    /// <summary>Marks the request done with its files.</summary>
    Task<ComputeStatus?> Complete(string method, IReadOnlyList<ComputeFile> files);

    /// <summary>Marks the request failed.</summary>
    Task<ComputeStatus?> Fail(string error);
}
