using System.Text.Json.Nodes;

namespace SampleMind.Api.Sessions;

/// <summary>Body of <c>POST /v1/sessions</c>.</summary>
/// <param name="LibraryId">The sample library the project draws on.</param>
public sealed record CreateSessionRequest(string? LibraryId);

/// <summary>Body of <c>POST /v1/sessions/{id}/undo</c> and <c>/redo</c>.</summary>
/// <param name="ClientId">Whose latest op to undo (whose latest undo to redo).</param>
public sealed record UndoRequest(string? ClientId);

/// <summary>The answer to an undo or redo: the revision of the committed op.</summary>
public sealed record UndoResponse(long Revision);

/// <summary>The project document at one revision.</summary>
public sealed record SessionSnapshotResponse(long Revision, JsonNode? Document);

/// <summary>One committed op in a history answer.</summary>
public sealed record SessionHistoryEntry(long Revision, string ClientId, long ClientSeq, JsonNode? Op);

/// <summary>The committed ops with revisions in (from, to].</summary>
public sealed record SessionHistoryResponse(long From, long To, long OldestRevision, IReadOnlyList<SessionHistoryEntry> Ops);
