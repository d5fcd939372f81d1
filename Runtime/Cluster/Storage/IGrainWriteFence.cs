namespace SampleMind.Runtime.Cluster.Storage;

/// <summary>Gives <see cref="PostgresGrainStorage"/> the lease a write must still hold, checked in the write's own statement.</summary>
internal interface IGrainWriteFence
{
    /// <summary>The lease this silo holds on the grain's partition, or null when it holds none.</summary>
    LeaseToken? CurrentLease(string grainType, string grainKey);
}
