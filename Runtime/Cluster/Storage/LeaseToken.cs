namespace SampleMind.Runtime.Cluster.Storage;

/// <summary>The lease under which a silo writes a grain's state: its partition, owner and epoch (the fencing token).</summary>
internal readonly record struct LeaseToken(string Ring, int Partition, string Owner, long Epoch);
