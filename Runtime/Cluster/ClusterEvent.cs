namespace SampleMind.Runtime.Cluster;

/// <summary>A cluster lifecycle event's payload.</summary>
/// <param name="SiloId">The silo it happened on.</param>
/// <param name="Instance">That silo's instance (silo id and incarnation).</param>
/// <param name="Ring">The ring of the partition ("any" or a role), or null for silo events.</param>
/// <param name="Partition">The partition, or -1.</param>
/// <param name="Epoch">The lease epoch, or 0.</param>
/// <param name="Detail">Event-specific text (the dead instance).</param>
public sealed record ClusterEvent(string SiloId, string Instance, string? Ring, int Partition, long Epoch, string? Detail);
