namespace SampleMind.Runtime.Diagnostics;

/// <summary>A silo's lifecycle status.</summary>
public enum SiloStatus
{
    /// <summary>Built, not started.</summary>
    Created,

    /// <summary>Serving calls.</summary>
    Running,

    /// <summary>
    /// Cluster mode: the runtime runs but the silo has not joined yet (its membership row and first
    /// partition leases are not in place); not ready.
    /// </summary>
    Joining,

    /// <summary>
    /// Shutdown has begun: the silo still serves calls while load balancers notice it is not ready
    /// (<c>Silo:DrainDelay</c>) and, in cluster mode, while it hands its partitions off.
    /// </summary>
    Draining,

    /// <summary>Deactivating its activations.</summary>
    Stopping,

    /// <summary>Stopped.</summary>
    Stopped,
}
