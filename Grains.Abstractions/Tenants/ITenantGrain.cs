using SampleMind.Runtime;

namespace SampleMind.Grains.Abstractions.Tenants;

/// <summary>A tenant: plan, quotas, API keys and usage counters. Key: tenant id.</summary>
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>Creates the tenant, or returns it unchanged when it exists.</summary>
    Task<TenantInfo> Create(string name, string plan);

    /// <summary>
    /// Creates the tenant with a first key and returns that key's token, or returns null when the
    /// tenant exists already: of several silos bootstrapping at once, exactly one gets a key.
    /// </summary>
    Task<IssuedApiKey?> CreateWithFirstKey(string name, string plan, string keyName, ApiScope scopes);

    /// <summary>The tenant, or null when it was never created.</summary>
    Task<TenantInfo?> GetInfo();

    Task<TenantInfo> SetPlan(string plan);

    /// <summary>
    /// Issues a new key with the given scopes; the token is returned once. Null when the tenant already has
    /// <see cref="TenantLimits.MaxActiveKeys"/> keys in use (checked in the grain's turn, so concurrent requests
    /// cannot pass it together).
    /// </summary>
    Task<IssuedApiKey?> IssueKey(string name, ApiScope scopes);

    Task<IReadOnlyList<ApiKeyInfo>> ListKeys();

    /// <summary>
    /// Revokes a key of this tenant. With <paramref name="keepAnAdminKey"/>, the tenant's last active key with the admin
    /// scope is not revoked (the operator tenant's: nothing else could issue it another). The tenant lists its latest
    /// <see cref="TenantLimits.MaxRevokedKeysListed"/> revoked keys; older ones leave the listing (they stay revoked).
    /// </summary>
    Task<KeyRevocation> RevokeKey(string keyId, bool keepAnAdminKey);

    /// <summary>
    /// Gives back the uses <paramref name="grant"/> (made under <paramref name="reservationKey"/>) counted, once: a second
    /// call gives back nothing. A grant of an earlier period is not given back (that period's count is gone). Returns
    /// the uses given back.
    /// </summary>
    Task<int> Refund(string reservationKey, QuotaGrant grant);

    /// <summary>Remembers a compute request of this tenant (the latest 1,000 are listed); once per id.</summary>
    Task RecordComputeRequest(string requestId);

    /// <summary>The ids of the tenant's latest compute requests, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<string>> ListComputeRequests(int limit);

    /// <summary>Issues a replacement with the same name and scopes and revokes the old key (also at the key limit).</summary>
    Task<IssuedApiKey?> RotateKey(string keyId);

    /// <summary>
    /// Grants and counts min(<paramref name="wanted"/>, what the plan has left this period) uses, 0 when the quota
    /// is used up. Idempotent on <paramref name="reservationKey"/> (at most 200 characters): the tenant remembers
    /// the grants of its most recent keys, so asking again with a key it remembers returns the same grant and
    /// counts nothing more (an ingest job that lists a batch again after a crash).
    /// </summary>
    Task<QuotaGrant> Reserve(UsageMeter meter, int wanted, string reservationKey);

    Task<UsageReport> GetUsage();

    /// <summary>Remembers a job of this tenant for listings (the most recent 1,000 are kept).</summary>
    Task RecordJob(string jobId);

    /// <summary>The tenant's most recent job ids, newest first.</summary>
    Task<IReadOnlyList<string>> ListJobs(int limit);

    /// <summary>The secret webhooks of this tenant are signed with (created on first use).</summary>
    Task<string> GetWebhookSecret();

    /// <summary>Replaces the webhook signing secret; attempts from now on are signed with the new one.</summary>
    Task<string> RotateWebhookSecret();
}
