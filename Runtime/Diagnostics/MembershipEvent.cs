namespace SampleMind.Runtime.Diagnostics;

/// <summary>One membership transition, as recorded where it happened.</summary>
/// <param name="Id">Its sequence number (increasing).</param>
/// <param name="Time">When (database clock).</param>
/// <param name="SiloId">The silo it concerns.</param>
/// <param name="Instance">That silo's incarnation.</param>
/// <param name="Kind">"joined", "new-incarnation" (a silo id that was a member before joined again), "left" or "declared-dead".</param>
/// <param name="Detail">Roles and address for a join (and the previous incarnation), "by instance" for a death declared, or null.</param>
public sealed record MembershipEvent(long Id, DateTimeOffset Time, string SiloId, string Instance, string Kind, string? Detail);
