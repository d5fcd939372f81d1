namespace SampleMind.Scheduling;

/// <summary>A completion to record with <see cref="IWorkQueue.CompleteAndClaimAsync"/>: what <see cref="IWorkQueue.CompleteAsync"/> takes.</summary>
/// <param name="ItemId">The item.</param>
/// <param name="LeaseToken">The lease it was done under.</param>
/// <param name="ResultJson">Its result (JSON text), or null.</param>
/// <param name="Tallies">Amounts added to the job's tallies, or null.</param>
public sealed record WorkCompletion(long ItemId, long LeaseToken, string? ResultJson, IReadOnlyDictionary<string, double>? Tallies = null);
