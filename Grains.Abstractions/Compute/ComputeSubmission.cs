using SampleMind.Grains.Abstractions.Tenants;

namespace SampleMind.Grains.Abstractions.Compute;

/// <summary>
/// What submitting a compute request came to: its status once queued, or the quota that refused it (then no request
/// with its id exists). <paramref name="Existed"/> is true when a request of that id was recorded before this call (a
/// second submission, which returns the first one's status and charges nothing).
/// </summary>
public sealed record ComputeSubmission(ComputeStatus? Status, QuotaGrant? Refusal, bool Existed = false);
