namespace SampleMind.Grains.Abstractions.Sessions;

/// <summary>A session's public facts.</summary>
/// <param name="SessionId">The session's id (its grain key).</param>
/// <param name="TenantId">The tenant that owns it; other tenants never see it.</param>
/// <param name="LibraryId">The sample library the project draws on.</param>
/// <param name="OwnerKeyId">The API key that created it.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="Revision">The document's current revision (0 before the first op).</param>
/// <param name="OldestRevision">The oldest revision whose document and later ops the session can still serve.</param>
/// <param name="Participants">Who is connected now.</param>
/// <param name="ClosedAt">When the session was closed (it takes no more participants nor edits); null while it is live.</param>
/// <param name="LastActiveAt">
/// Its latest op, undo, redo, join or leave (its creation before any): a live session with no participant connected whose
/// last activity is older than the API's idle limit may be closed automatically (docs/sessions.md).
/// </param>
/// <param name="OldestDocumentRevision">
/// The oldest revision whose document the session can rebuild (<c>/snapshot?revision=</c>): <paramref name="OldestRevision"/>,
/// except after a restart whose retained ops do not reach revision 0, where the documents start at the older stored
/// snapshot and only the ops reach further back.
/// </param>
public sealed record SessionInfo(
    string SessionId,
    string TenantId,
    string LibraryId,
    string OwnerKeyId,
    DateTimeOffset CreatedAt,
    long Revision,
    long OldestRevision,
    IReadOnlyList<SessionParticipant> Participants,
    DateTimeOffset? ClosedAt = null,
    DateTimeOffset? LastActiveAt = null,
    long OldestDocumentRevision = 0);
