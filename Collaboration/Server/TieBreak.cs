namespace SampleMind.Collaboration.Server;

/// <summary>
/// How the server and its clients order two concurrent ops that tie (inserts at one position, sets of
/// one field, moves of one element). Server and clients of a session must use the same rule.
/// </summary>
public enum TieBreak
{
    /// <summary>
    /// The op committed first is <see cref="Side.Left"/>: its inserts come first; the later op wins
    /// field and move conflicts ("last writer by server order wins"). The default.
    /// </summary>
    ServerOrder,

    /// <summary>
    /// The op whose author's client id sorts first (ordinal) is <see cref="Side.Left"/>, whatever the
    /// server order; this is the rule of sequence CRDTs, which replays of CRDT-recorded histories need.
    /// </summary>
    ClientId,
}
