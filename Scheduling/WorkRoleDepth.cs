namespace SampleMind.Scheduling;

/// <summary>Queue depth of one role, for the dashboard.</summary>
/// <param name="Role">The required role.</param>
/// <param name="Pending">Items of active jobs waiting to be claimed.</param>
/// <param name="Leased">Items in flight.</param>
/// <param name="OldestPendingAge">How long the oldest claimable item has waited; zero when none.</param>
public sealed record WorkRoleDepth(string Role, long Pending, long Leased, TimeSpan OldestPendingAge);
