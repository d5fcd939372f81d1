using System.Collections.Concurrent;

namespace SampleMind.Api.Sessions;

/// <summary>
/// When a sweep for a tenant's idle sessions last freed nothing, on this host. A sweep wakes each of the tenant's live
/// sessions (up to Api:MaxLiveSessionsPerTenant), so a tenant at its limit that keeps creating sessions while none is
/// idle gets a sweep at most once per <see cref="Pause"/>, and a 409 without one in between.
/// </summary>
internal sealed class IdleSessionSweeps(TimeProvider time)
{
    /// <summary>How long after a sweep that freed nothing the next is skipped.</summary>
    public static readonly TimeSpan Pause = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _fruitless = new(StringComparer.Ordinal);

    /// <summary>Whether a sweep for <paramref name="tenantId"/> may run now.</summary>
    public bool Due(string tenantId) => !_fruitless.TryGetValue(tenantId, out var at) || time.GetUtcNow() - at >= Pause;

    /// <summary>Notes a sweep's outcome: one that freed nothing holds the next off for <see cref="Pause"/>.</summary>
    public void Record(string tenantId, int closed)
    {
        if (closed == 0)
        {
            _fruitless[tenantId] = time.GetUtcNow();
        }
        else
        {
            _fruitless.TryRemove(tenantId, out _);
        }
    }
}
