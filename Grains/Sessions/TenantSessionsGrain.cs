using SampleMind.Grains.Abstractions.Sessions;
using SampleMind.Runtime;

namespace SampleMind.Grains.Sessions;

/// <summary>The sessions a tenant created, oldest first in its state, the latest <see cref="SessionLimits.MaxListedPerTenant"/>.</summary>
public sealed class TenantSessionsGrain(
    [PersistentState("tenantSessions", "Default")] IPersistentState<TenantSessionsState> state) : Grain, ITenantSessionsGrain
{
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
}
