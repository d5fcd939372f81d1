using System.Globalization;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Grains.Webhooks;
using SampleMind.Runtime;

namespace SampleMind.Grains.Tenants;

/// <summary>
/// A tenant: its plan, the public facts of its API keys (secrets live hashed in each key's grain)
/// and this month's usage counters, checked against the plan before metered work is accepted.
/// </summary>
public sealed class TenantGrain(
    [PersistentState("tenant", "Default")] IPersistentState<TenantState> state,
    TimeProvider time) : Grain, ITenantGrain
{
    /// <summary>How many reservation keys a tenant remembers the grants of (the most recent ones).</summary>
    public const int RememberedReservations = 256;

    /// <summary>The compute requests a tenant's list holds (the latest).</summary>
    public const int RememberedComputeRequests = 1_000;

    /// <summary>What a refund's record is kept under: this and the reservation's key.</summary>
    private const string RefundPrefix = "refund:";

    /// <summary>The longest reservation key accepted.</summary>
    public const int MaxReservationKeyLength = 200;

    public async Task<TenantInfo> Create(string name, string plan)
    {
        if (state.State.Info is { } existing)
        {
            return existing;
        }

        var chosen = TenantPlan.FromName(plan) ?? throw new ArgumentException($"Unknown plan '{plan}': use free, pro or studio.", nameof(plan));
        state.State.Info = new TenantInfo(GetPrimaryKeyString(), name, chosen.Name, time.GetUtcNow());
        await state.WriteStateAsync();
        return state.State.Info;
    }

    public async Task<IssuedApiKey?> CreateWithFirstKey(string name, string plan, string keyName, ApiScope scopes)
    {
        if (state.State.Info is not null)
        {
            return null;
        }

        var chosen = TenantPlan.FromName(plan) ?? throw new ArgumentException($"Unknown plan '{plan}': use free, pro or studio.", nameof(plan));
        state.State.Info = new TenantInfo(GetPrimaryKeyString(), name, chosen.Name, time.GetUtcNow());
        try
        {
            // Issuing writes the state: the tenant and its first key are stored together.
            return await IssueAsync(keyName, scopes);
        }
        catch
        {
            state.State.Info = null;
            throw;
        }
    }

    public Task<TenantInfo?> GetInfo() => Task.FromResult(state.State.Info);

    public async Task<TenantInfo> SetPlan(string plan)
    {
        var info = RequireTenant();
        var chosen = TenantPlan.FromName(plan) ?? throw new ArgumentException($"Unknown plan '{plan}': use free, pro or studio.", nameof(plan));
        state.State.Info = info with { Plan = chosen.Name };
        await state.WriteStateAsync();
        return state.State.Info;
    }

    public async Task<IssuedApiKey?> IssueKey(string name, ApiScope scopes)
    {
        RequireTenant();
        return state.State.Keys.Count(k => k.RevokedAt is null) >= TenantLimits.MaxActiveKeys ? null : await IssueAsync(name, scopes);
    }

    private async Task<IssuedApiKey> IssueAsync(string name, ApiScope scopes, string? replaces = null)
    {
        var info = RequireTenant();
        if (scopes == ApiScope.None)
        {
            throw new ArgumentException("A key needs at least one scope.", nameof(scopes));
        }

        var token = ApiKeyToken.CreateNew();
        var key = new ApiKeyInfo(token.KeyId, info.Id, name, scopes, time.GetUtcNow(), null, replaces);
        await GrainFactory.GetGrain<IApiKeyGrain>(token.KeyId).Store(new ApiKeyRecord(key, token.SecretSha256Hex()));
        state.State.Keys.Add(key);
        await state.WriteStateAsync(); // not stored: the state read back lists no key, and its key grain's record verifies only the secret never returned
        return new IssuedApiKey(key, token.ToString());
    }

    public Task<IReadOnlyList<ApiKeyInfo>> ListKeys() =>
        Task.FromResult<IReadOnlyList<ApiKeyInfo>>([.. state.State.Keys]);

    public async Task<KeyRevocation> RevokeKey(string keyId, bool keepAnAdminKey)
    {
        var index = state.State.Keys.FindIndex(k => k.KeyId == keyId);
        if (index < 0)
        {
            return KeyRevocation.NoSuchKey;
        }

        var key = state.State.Keys[index];
        if (keepAnAdminKey && key.RevokedAt is null && key.Scopes.HasFlag(ApiScope.Admin)
            && !state.State.Keys.Any(k => k.KeyId != keyId && k.RevokedAt is null && k.Scopes.HasFlag(ApiScope.Admin)))
        {
            return KeyRevocation.LastAdminKey;
        }

        var now = time.GetUtcNow();
        await GrainFactory.GetGrain<IApiKeyGrain>(keyId).Revoke(now);
        state.State.Keys[index] = key with { RevokedAt = key.RevokedAt ?? now };
        ForgetOldRevokedKeys();
        await state.WriteStateAsync();
        return KeyRevocation.Revoked;
    }

    /// <summary>Keeps the latest <see cref="TenantLimits.MaxRevokedKeysListed"/> revoked keys in the listing; their grains stay revoked.</summary>
    private void ForgetOldRevokedKeys()
    {
        var revoked = state.State.Keys.Where(k => k.RevokedAt is not null).ToList();
        if (revoked.Count <= TenantLimits.MaxRevokedKeysListed)
        {
            return;
        }

        var forget = revoked.OrderBy(k => k.RevokedAt).Take(revoked.Count - TenantLimits.MaxRevokedKeysListed).Select(k => k.KeyId).ToHashSet(StringComparer.Ordinal);
        state.State.Keys.RemoveAll(k => forget.Contains(k.KeyId));
    }

    public async Task<IssuedApiKey?> RotateKey(string keyId)
    {
        var old = state.State.Keys.Find(k => k.KeyId == keyId);
        if (old is null || old.RevokedAt is not null)
        {
            return null;
        }

        // The replacement takes the old key's place, so a tenant at the key limit may rotate.
        var issued = await IssueAsync(old.Name, old.Scopes, replaces: keyId);
        await RevokeKey(keyId, keepAnAdminKey: false);
        return issued;
    }

    public async Task<QuotaGrant> Reserve(UsageMeter meter, int wanted, string reservationKey)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(wanted);
        ArgumentException.ThrowIfNullOrEmpty(reservationKey);
        if (reservationKey.Length > MaxReservationKeyLength)
        {
            throw new ArgumentException($"A reservation key is at most {MaxReservationKeyLength} characters.", nameof(reservationKey));
        }

        var plan = Plan();
        if (FindReservation(reservationKey) is { } known)
        {
            return known.Meter == meter
                ? known
                : throw new ArgumentException($"Reservation '{reservationKey}' was made for {known.Meter}, not {meter}.", nameof(reservationKey));
        }

        RollPeriod();
        var used = state.State.Used.GetValueOrDefault(meter);
        var limit = LimitOf(plan, meter);
        var granted = limit is { } max ? (int)Math.Clamp(max - used, 0, wanted) : wanted;
        var grant = new QuotaGrant(meter, wanted, granted, used + granted, limit, state.State.Period);
        state.State.Used[meter] = used + granted;
        state.State.Reservations.Add(new QuotaReservation(reservationKey, grant));
        if (state.State.Reservations.Count > RememberedReservations)
        {
            state.State.Reservations.RemoveAt(0);
        }

        await state.WriteStateAsync();
        return grant;
    }

    public Task<UsageReport> GetUsage()
    {
        var plan = Plan();
        RollPeriod();
        return Task.FromResult(new UsageReport(GetPrimaryKeyString(), state.State.Period, plan,
            new Dictionary<UsageMeter, long>(state.State.Used)));
    }

    public async Task RecordJob(string jobId)
    {
        if (state.State.Jobs.Contains(jobId))
        {
            return;
        }

        state.State.Jobs.Add(jobId);
        if (state.State.Jobs.Count > 1000)
        {
            state.State.Jobs.RemoveAt(0);
        }

        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> ListJobs(int limit)
    {
        var jobs = state.State.Jobs;
        var count = Math.Clamp(limit, 0, jobs.Count);
        var newestFirst = new List<string>(count);
        for (var i = jobs.Count - 1; i >= jobs.Count - count; i--)
        {
            newestFirst.Add(jobs[i]);
        }

        return Task.FromResult<IReadOnlyList<string>>(newestFirst);
    }

    public async Task<string> GetWebhookSecret()
    {
        if (state.State.WebhookSecret is { } secret)
        {
            return secret;
        }

        return await RotateWebhookSecret();
    }

    public async Task<string> RotateWebhookSecret()
    {
        state.State.WebhookSecret = WebhookSignature.NewSecret();
        await state.WriteStateAsync();
        return state.State.WebhookSecret;
    }

    private static long? LimitOf(TenantPlan plan, UsageMeter meter) => meter switch
    {
        UsageMeter.StemSeparations => plan.MonthlyStemSeparations,
        UsageMeter.Variations => plan.MonthlyVariations,
        _ => plan.MonthlyIngestedFiles,
    };

    public async Task RecordComputeRequest(string requestId)
    {
        var requests = state.State.ComputeRequests;
        if (requests.Contains(requestId))
        {
            return;
        }

        requests.Add(requestId);
        if (requests.Count > RememberedComputeRequests)
        {
            requests.RemoveAt(0);
        }

        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> ListComputeRequests(int limit)
    {
        var requests = state.State.ComputeRequests;
        return Task.FromResult<IReadOnlyList<string>>([.. requests.AsEnumerable().Reverse().Take(Math.Clamp(limit, 0, requests.Count))]);
    }

    public async Task<int> Refund(string reservationKey, QuotaGrant grant)
    {
        ArgumentException.ThrowIfNullOrEmpty(reservationKey);
        ArgumentNullException.ThrowIfNull(grant);
        var refundKey = RefundPrefix + reservationKey;
        if (reservationKey.Length > MaxReservationKeyLength)
        {
            throw new ArgumentException($"A reservation key is at most {MaxReservationKeyLength} characters.", nameof(reservationKey));
        }

        if (FindReservation(refundKey) is not null)
        {
            return 0;
        }

        RollPeriod();
        var amount = grant.Period == state.State.Period ? grant.Granted : 0;
        var used = state.State.Used.GetValueOrDefault(grant.Meter);
        state.State.Used[grant.Meter] = Math.Max(0, used - amount);

        // Remembered as a reservation of its own, so that asking again gives back nothing.
        state.State.Reservations.Add(new QuotaReservation(refundKey, grant with { Granted = amount }));
        if (state.State.Reservations.Count > RememberedReservations)
        {
            state.State.Reservations.RemoveAt(0);
        }

        await state.WriteStateAsync();
        return amount;
    }

    private QuotaGrant? FindReservation(string key)
    {
        foreach (var reservation in state.State.Reservations)
        {
            if (reservation.Key == key)
            {
                return reservation.Grant;
            }
        }

        return null;
    }

    private TenantInfo RequireTenant() =>
        state.State.Info ?? throw new KeyNotFoundException($"Tenant '{GetPrimaryKeyString()}' does not exist.");

    private TenantPlan Plan() => TenantPlan.FromName(RequireTenant().Plan) ?? TenantPlan.Free;

    private void RollPeriod()
    {
        var period = time.GetUtcNow().ToString("yyyy-MM", CultureInfo.InvariantCulture);
        if (state.State.Period != period)
        {
            state.State.Period = period;
            state.State.Used.Clear();
        }
    }
}
