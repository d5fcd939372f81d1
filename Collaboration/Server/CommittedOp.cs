namespace SampleMind.Collaboration.Server;

/// <summary>
/// An op as the server committed it: transformed to apply on revision <c>Revision - 1</c>, stamped
/// with <paramref name="Revision"/>. This is what the server broadcasts to every client of the
/// session, the author included (the author takes it as the acknowledgement of its op
/// <paramref name="ClientSeq"/>).
/// </summary>
/// <param name="Revision">The revision this op produced (the first op makes revision 1).</param>
/// <param name="ClientId">The author.</param>
/// <param name="ClientSeq">The author's sequence number for the op (unique per author).</param>
/// <param name="Op">The op as applied on the server.</param>
public readonly record struct CommittedOp<TOp>(long Revision, string ClientId, long ClientSeq, TOp Op);
