using SampleMind.Grains.Abstractions.Sessions;
using SampleMind.Runtime;

namespace SampleMind.Grains.Sessions;

/// <summary>
/// The sessions a tenant created, oldest first in its state, the latest <see cref="SessionLimits.MaxListedPerTenant"/>,
/// and the ids of its live ones.
/// </summary>
public sealed class TenantSessionsGrain(
    [PersistentState("tenantSessions", "Default")] IPersistentState<TenantSessionsState> state) : Grain, ITenantSessionsGrain
{
    public async Task<bool> TryOpen(string sessionId, int limit)
    {
        var live = state.State.Live;
        if (live.Contains(sessionId))
        {
            return true;
        }

        if (live.Count >= limit)
        {
            return false;
        }

        live.Add(sessionId);
        await state.WriteStateAsync();
        return true;
    }

    public async Task Add(SessionListing session)
    {
        var sessions = state.State.Sessions;
        if (sessions.Exists(s => s.SessionId == session.SessionId))
        {
            return;
        }

        // Creations come in about in order; one that arrives late still takes its place by time.
        var at = sessions.FindLastIndex(s => s.CreatedAt <= session.CreatedAt) + 1;
        sessions.Insert(at, session);
        if (sessions.Count > SessionLimits.MaxListedPerTenant)
        {
            sessions.RemoveRange(0, sessions.Count - SessionLimits.MaxListedPerTenant);
        }

        await state.WriteStateAsync();
    }

    public async Task Close(string sessionId, DateTimeOffset closedAt)
    {
        var removed = state.State.Live.Remove(sessionId);
        var sessions = state.State.Sessions;
        var listed = sessions.FindLastIndex(s => s.SessionId == sessionId);
        var relisted = listed >= 0 && sessions[listed].ClosedAt is null;
        if (relisted)
        {
            sessions[listed] = sessions[listed] with { ClosedAt = closedAt };
        }

        if (removed || relisted)
        {
            await state.WriteStateAsync();
        }
    }

    public Task<int> CountLive() => Task.FromResult(state.State.Live.Count);

    public Task<IReadOnlyList<string>> ListLive() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Live]);

    public Task<IReadOnlyList<SessionListing>> List(int limit)
    {
        var sessions = state.State.Sessions;
        var count = Math.Clamp(limit, 0, sessions.Count);
        IReadOnlyList<SessionListing> latest = [.. Enumerable.Range(1, count).Select(i => sessions[^i])];
        return Task.FromResult(latest);
    }
}

/// <summary>The persisted list of <see cref="TenantSessionsGrain"/>.</summary>
public sealed class TenantSessionsState
{
    /// <summary>Oldest first.</summary>
    public List<SessionListing> Sessions { get; set; } = [];

    /// <summary>The ids of the tenant's live sessions (created, not closed), whether listed or not.</summary>
    public HashSet<string> Live { get; set; } = new(StringComparer.Ordinal);
}
