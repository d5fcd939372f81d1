using SampleMind.Grains.Abstractions.Tenants;

namespace SampleMind.Grains.Tenants;

/// <summary>A tenant's persisted state: who it is, its keys' public facts, this period's usage.</summary>
public sealed class TenantState
{
    public TenantInfo? Info { get; set; }

    public List<ApiKeyInfo> Keys { get; set; } = [];

    /// <summary>The usage period the counters belong to ("2026-11").</summary>
    public string Period { get; set; } = "";

    public Dictionary<UsageMeter, long> Used { get; set; } = [];

    /// <summary>
    /// The grants of the most recent reservation keys, oldest first, at most
    /// <see cref="TenantGrain.RememberedReservations"/>; kept across periods.
    /// </summary>
    public List<QuotaReservation> Reservations { get; set; } = [];

    /// <summary>Recent job ids, oldest first, at most 1,000.</summary>
    public List<string> Jobs { get; set; } = [];

    /// <summary>Recent compute request ids, oldest first, at most <see cref="TenantGrain.RememberedComputeRequests"/>.</summary>
    public List<string> ComputeRequests { get; set; } = [];

    /// <summary>The webhook signing secret (HMAC key); null until first used. Never logged.</summary>
    public string? WebhookSecret { get; set; }
}
