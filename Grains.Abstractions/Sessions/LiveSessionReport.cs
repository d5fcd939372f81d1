namespace SampleMind.Grains.Abstractions.Sessions;

/// <summary>What a live session reports to <see cref="ILiveSessionsGrain"/>.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="TenantId">Its tenant.</param>
/// <param name="LibraryId">The library it edits.</param>
/// <param name="Participants">Connected participants (0: the session is no longer live).</param>
/// <param name="Revision">Its OT revision (committed ops so far).</param>
public sealed record LiveSessionReport(string SessionId, string TenantId, string LibraryId, int Participants, long Revision);
