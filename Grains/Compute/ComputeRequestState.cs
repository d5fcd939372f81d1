using SampleMind.Grains.Abstractions.Compute;
using SampleMind.Grains.Abstractions.Tenants;

namespace SampleMind.Grains.Compute;

/// <summary>The persisted state of a <see cref="ComputeRequestGrain"/>.</summary>
public sealed class ComputeRequestState
{
    public ComputeStatus? Status { get; set; }

    /// <summary>
    /// The meter a submission charges while it is not finished (charged and queued); null once it is, and in records
    /// written before submissions were resumable.
    /// </summary>
    public UsageMeter? Submitting { get; set; }

    /// <summary>What the submission charged (the tenant's grant under the request's key), given back if the request fails.</summary>
    public QuotaGrant? Charge { get; set; }

    /// <summary>
    /// The tenant's reservation key the submission charges (and a refund gives back) under: <c>compute:{id}:{nonce}</c>;
    /// null in records written before each submission had its own, which charged under <c>compute:{id}</c>.
    /// </summary>
    public string? ReservationKey { get; set; }
}
