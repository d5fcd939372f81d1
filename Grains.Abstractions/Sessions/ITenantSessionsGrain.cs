using SampleMind.Runtime;

namespace SampleMind.Grains.Abstractions.Sessions;

/// <summary>
/// The sessions a tenant created, newest first (key: tenant id), so that they can be listed without activating each.
/// Holds the latest <see cref="SessionLimits.MaxListedPerTenant"/>; an older session drops off the list and is still
/// reached by its id.
/// </summary>
public interface ITenantSessionsGrain : IGrainWithStringKey
{
    /// <summary>Notes a session the tenant created; noting it again changes nothing.</summary>
    Task Add(SessionListing session);

    /// <summary>The latest <paramref name="limit"/> sessions, newest first.</summary>
    Task<IReadOnlyList<SessionListing>> List(int limit);
}

/// <summary>A session as the tenant's list shows it.</summary>
/// <param name="OwnerKeyId">The API key that created it.</param>
public sealed record SessionListing(string SessionId, string LibraryId, string OwnerKeyId, DateTimeOffset CreatedAt);
