using SampleMind.Runtime.Invocation;

namespace SampleMind.Runtime.Cluster.Transport;

/// <summary>A call routed through the cluster, with its retry state (allocated only for calls that leave the silo or retry).</summary>
internal sealed class RemoteCall(GrainRequest request, long deadline)
{
    public GrainRequest Request { get; } = request;

    /// <summary><see cref="TimeProvider.GetTimestamp"/> after which retries stop.</summary>
    public long Deadline { get; } = deadline;

    public int Attempt { get; set; }

    /// <summary>The last reason a try did not reach an owner (for the final error message).</summary>
    public string? LastFailure { get; set; }

    /// <summary>The connection the call was last sent on, and its id there.</summary>
    public SiloConnection? Connection { get; set; }

    public long Id { get; set; }

    /// <summary>The caller's token's callback, while the call is in flight.</summary>
    public CancellationTokenRegistration Registration { get; set; }
}
