using System.Collections.Concurrent;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Runtime;
using SampleMind.Runtime.Cluster;

namespace SampleMind.Api.Auth;

/// <summary>
/// Verifies a presented key through its grain (and reads its tenant's plan), and remembers the answer for a minute.
/// The grain's answer always wins when it comes within <see cref="Patience"/>: a key revoked a moment ago is refused at
/// once. When it does not (the silo that holds the key's grain was killed: calls to it wait some 15 s until the cluster
/// declares it dead and its partitions move), a key that verified within <see cref="MaxAge"/> is taken on that answer, so
/// a dead silo does not stall every request of the keys whose grains it held. Revoking goes through the same grain,
/// so no revocation can have landed in between; the late answer, when it comes, replaces the remembered one.
/// </summary>
internal sealed class RecentKeyVerdicts(IGrainFactory grains, TimeProvider time)
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    /// <summary>Keys remembered at the most; past it the memory starts afresh.</summary>
    private const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, Remembered> _recent = new(StringComparer.Ordinal);

    /// <summary>The key's verification and, when it is valid, its tenant (null when the tenant is gone).</summary>
    public async Task<(KeyVerification Verdict, TenantInfo? Tenant)> VerifyAsync(string keyId, string secretSha256Hex)
    {
        var asked = AskAsync(keyId, secretSha256Hex);
        if (!_recent.TryGetValue(keyId, out var known) || known.SecretSha256Hex != secretSha256Hex || time.GetUtcNow() - known.At > MaxAge)
        {
            return await asked;
        }

        if (!asked.IsCompleted)
        {
            // A timer only for an answer still out (in one process the grain often answers at once).
            using var patience = new CancellationTokenSource();
            if (await Task.WhenAny(asked, Task.Delay(Patience, time, patience.Token)) != asked)
            {
                // The late answer still lands (and is remembered); a failure of it is seen here, not left unobserved.
                _ = asked.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                return (known.Verdict, known.Tenant);
            }

            await patience.CancelAsync();
        }

        try
        {
            return await asked;
        }
        catch (Exception e) when (e is SiloUnavailableException or GrainCallTimeoutException or StaleLeaseException)
        {
            // The silo of the key's grain is gone and the cluster has not moved its partition yet.
            return (known.Verdict, known.Tenant);
        }
    }

    private async Task<(KeyVerification Verdict, TenantInfo? Tenant)> AskAsync(string keyId, string secretSha256Hex)
    {
        var verdict = await grains.GetGrain<IApiKeyGrain>(keyId).Verify(secretSha256Hex);
        var tenant = verdict.Valid ? await grains.GetGrain<ITenantGrain>(verdict.TenantId!).GetInfo() : null;
        if (_recent.Count >= Capacity)
        {
            _recent.Clear();
        }

        _recent[keyId] = new Remembered(secretSha256Hex, verdict, tenant, time.GetUtcNow());
        return (verdict, tenant);
    }

    private sealed record Remembered(string SecretSha256Hex, KeyVerification Verdict, TenantInfo? Tenant, DateTimeOffset At);
}
