namespace SampleMind.Scheduling;

/// <summary>What <see cref="IWorkQueue.CompleteAndClaimAsync"/> did.</summary>
/// <param name="Recorded">Per completion, in the order given: true when this call recorded it (first completion wins).</param>
/// <param name="Claimed">The items leased, as <see cref="IWorkQueue.ClaimAsync"/> returns them.</param>
public sealed record WorkClaim(IReadOnlyList<bool> Recorded, IReadOnlyList<WorkItem> Claimed);
