namespace SampleMind.Runtime.Cluster.Transport;

/// <summary>What a connection hands calls back to: the router, which retries them.</summary>
internal interface IRemoteCallSink
{
    /// <summary>The call did not run (not sent, or the silo does not own its partition): route it again, within its budget.</summary>
    void Retry(RemoteCall call, string reason);

    /// <summary>A reference's address as another silo must see it (local observers gain this silo's address).</summary>
    GrainId ExportAddress(GrainId id);

    /// <summary>The silo's clock (the sweep for calls that timed out runs on it).</summary>
    TimeProvider Time { get; }
}
