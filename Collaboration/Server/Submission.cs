namespace SampleMind.Collaboration.Server;

/// <summary>What a client sends: an op made on server revision <paramref name="BaseRevision"/>.</summary>
/// <param name="ClientId">The author.</param>
/// <param name="ClientSeq">Increasing per author; a resent op keeps its number, so the server commits it once.</param>
/// <param name="BaseRevision">The last server revision the client had applied when it made the op.</param>
/// <param name="Op">The op.</param>
/// <param name="Undoes">When the op is an undo from <see cref="OtServer{TDoc, TOp}.UndoFor"/>, the revision it undoes.</param>
/// <param name="Redoes">When the op is a redo from <see cref="OtServer{TDoc, TOp}.RedoFor"/>, the revision of the undo it redoes.</param>
public readonly record struct Submission<TOp>(string ClientId, long ClientSeq, long BaseRevision, TOp Op, long? Undoes = null, long? Redoes = null);
