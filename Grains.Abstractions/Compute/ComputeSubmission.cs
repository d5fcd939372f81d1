using SampleMind.Grains.Abstractions.Tenants;

namespace SampleMind.Grains.Abstractions.Compute;

/// <summary>
/// What submitting a compute request came to: its status once queued, or the quota that refused it (then no request
/// with its id exists).
/// </summary>
public sealed record ComputeSubmission(ComputeStatus? Status, QuotaGrant? Refusal);
