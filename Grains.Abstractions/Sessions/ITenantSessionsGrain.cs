using SampleMind.Runtime;

namespace SampleMind.Grains.Abstractions.Sessions;

/// <summary>
/// The sessions a tenant created, newest first (key: tenant id), so that they can be listed without activating each,
/// and which of them are live (created and not closed), which a tenant may have only so many of. Holds the latest
/// <see cref="SessionLimits.MaxListedPerTenant"/>; an older session drops off the list and is still reached by its id
/// (and still counts while it is live).
/// </summary>
public interface ITenantSessionsGrain : IGrainWithStringKey
{
    /// <summary>
    /// Counts session <paramref name="sessionId"/> as live when the tenant has fewer than <paramref name="limit"/> live
    /// sessions (checked in the grain's turn, so concurrent creations cannot pass the limit together); false when it has
    /// that many. A session already counted is counted once.
    /// </summary>
    Task<bool> TryOpen(string sessionId, int limit);

    /// <summary>Notes a session the tenant created; noting it again changes nothing.</summary>
    Task Add(SessionListing session);

    /// <summary>The session no longer counts as live (it was closed, or never created); closing it again changes nothing.</summary>
    Task Close(string sessionId, DateTimeOffset closedAt);

    /// <summary>How many of the tenant's sessions are live.</summary>
    Task<int> CountLive();

    /// <summary>The ids of the tenant's live sessions, listed or not, in no particular order.</summary>
    Task<IReadOnlyList<string>> ListLive();

    /// <summary>The latest <paramref name="limit"/> sessions, newest first.</summary>
    Task<IReadOnlyList<SessionListing>> List(int limit);
}

/// <summary>A session as the tenant's list shows it.</summary>
/// <param name="OwnerKeyId">The API key that created it.</param>
/// <param name="ClosedAt">When it was closed; null while it is live.</param>
public sealed record SessionListing(string SessionId, string LibraryId, string OwnerKeyId, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt = null);
