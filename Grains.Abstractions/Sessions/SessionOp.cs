namespace SampleMind.Grains.Abstractions.Sessions;

/// <summary>
/// A committed op in its wire form: <paramref name="Op"/> is the JSON of a project operation
/// (<c>{"ops":[...]}</c>, docs/collaboration-ot.md), as the server applied it on revision
/// <c>Revision - 1</c>. Ops cross grain boundaries as JSON text: strings are not copied, and a
/// broadcast is serialized once for every socket.
/// </summary>
/// <param name="Revision">The revision the op produced.</param>
/// <param name="ClientId">The author.</param>
/// <param name="ClientSeq">The author's sequence number of the op.</param>
/// <param name="Op">The op as JSON.</param>
public sealed record SessionOp(long Revision, string ClientId, long ClientSeq, string Op);
