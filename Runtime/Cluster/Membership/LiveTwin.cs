namespace SampleMind.Runtime.Cluster.Membership;

/// <summary>A live incarnation of a silo id, as <see cref="MembershipTable.FindLiveTwinAsync"/> finds it: its last heartbeat is the database's time.</summary>
internal sealed record LiveTwin(string Instance, string Address, DateTimeOffset Heartbeat);
