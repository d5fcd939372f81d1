namespace SampleMind.Grains.Abstractions.Sessions;

/// <summary>
/// The bounds of a live session (docs/sessions.md): they keep every message, join and write small whatever the
/// clients send. The socket refuses what passes a presence bound; the session grain refuses the rest.
/// </summary>
public static class SessionLimits
{
    /// <summary>
    /// The largest sequence number or revision the socket takes (2^53 - 1): a browser reads a JSON number as a double, which
    /// holds no larger integer exactly, so a client could not send the next one after it nor match the ack to its op.
    /// </summary>
    public const long MaxSafeInteger = (1L << 53) - 1;

    /// <summary>Participants connected at once; a join past it is refused.</summary>
    public const int MaxParticipants = 64;

    /// <summary>The longest presence cursor, in characters (Unicode code points).</summary>
    public const int MaxCursorLength = 256;

    /// <summary>The longest chat message, in characters (Unicode code points, counted as the project's text counts them: <c>CodePoints.Count</c>).</summary>
    public const int MaxChatCharacters = 2_000;

    /// <summary>The most ids in a presence selection.</summary>
    public const int MaxSelection = 64;

    /// <summary>The longest id in a presence selection, in characters.</summary>
    public const int MaxSelectionIdLength = 128;

    /// <summary>The largest op, in bytes of its JSON as committed.</summary>
    public const int MaxOpBytes = 64 * 1024;

    /// <summary>
    /// The most pairs of primitives an op may be transformed through: its primitives times those of every op committed
    /// since its base revision. A large op made far behind is refused (its client catches up and sends it again on a
    /// newer base) rather than holding the session's turn for seconds: 4 million pairs take some 30 ms.
    /// </summary>
    public const long MaxRebasePairs = 4_000_000;

    /// <summary>The largest project document, in bytes of its JSON; an op that would leave it larger than this, and larger than before, is refused.</summary>
    public const int MaxDocumentBytes = 1024 * 1024;

    /// <summary>
    /// Client ids whose key the session remembers; a new id past it makes the session forget those of clients not
    /// connected then (a browser tab takes a new id at each load, so the record would otherwise grow for ever).
    /// </summary>
    public const int MaxClientIds = 1024;

    /// <summary>The sessions a tenant's list holds (the latest created); older ones are reached by id only.</summary>
    public const int MaxListedPerTenant = 10_000;

    /// <summary>The persisted log is cut at a snapshot once its ops hold this many bytes, even before the op count's snapshot.</summary>
    public const int SnapshotLogBytes = 256 * 1024;
}
