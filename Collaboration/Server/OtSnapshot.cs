namespace SampleMind.Collaboration.Server;

/// <summary>
/// The server state at one revision: restore from it plus the committed ops after it
/// (<see cref="OtServer{TDoc, TOp}.Restore"/>) instead of replaying from revision zero.
/// </summary>
/// <param name="Revision">The revision the document is at.</param>
/// <param name="Document">The document (a copy, not shared with the server).</param>
/// <param name="Clients">Per client, its last committed op, so resends after a restart are still recognised.</param>
public sealed record OtSnapshot<TDoc>(long Revision, TDoc Document, IReadOnlyDictionary<string, ClientCursor> Clients);
