using Microsoft.Extensions.Logging;

namespace SampleMind.Grains.Sessions;

/// <summary>Log events of the live sessions (8300s): what an operator needs to explain a client's resync or a lost edit.</summary>
internal static partial class SessionLog
{
    [LoggerMessage(EventId = 8300, Level = LogLevel.Information,
        Message = "Session {SessionId}: restored at revision {Revision} from its snapshot at revision {SnapshotRevision} and {TailOps} logged ops after it; {ArchivedOps} stored ops before it kept for catch-up")]
    public static partial void Restored(ILogger logger, string sessionId, long revision, long snapshotRevision, int tailOps, int archivedOps);

    [LoggerMessage(EventId = 8301, Level = LogLevel.Warning,
        Message = "Session {SessionId}: client {ClientId} joined at revision {ClientRevision}, which it cannot catch up from (the session is at {Revision}, its history reaches back to {BaseRevision}): it gets a snapshot and drops its unacknowledged edits")]
    public static partial void SnapshotSent(ILogger logger, string sessionId, string clientId, long clientRevision, long revision, long baseRevision);

    [LoggerMessage(EventId = 8302, Level = LogLevel.Warning,
        Message = "Session {SessionId}: client {ClientId} is at revision {ClientRevision}, past this activation's {Revision}; storage holds revision {StoredRevision}")]
    public static partial void ClientAhead(ILogger logger, string sessionId, string clientId, long clientRevision, long revision, long storedRevision);

    [LoggerMessage(EventId = 8303, Level = LogLevel.Warning,
        Message = "Session {SessionId}: this activation stops answering at revision {Revision} (a write failed, or storage is ahead of it); the next one restores from storage")]
    public static partial void WentStale(ILogger logger, string sessionId, long revision);

    [LoggerMessage(EventId = 8304, Level = LogLevel.Information, Message = "Session {SessionId}: closed at revision {Revision}")]
    public static partial void Closed(ILogger logger, string sessionId, long revision);

    [LoggerMessage(EventId = 8305, Level = LogLevel.Information,
        Message = "Session {SessionId}: closing it, idle since {LastActiveAt} (longer than {IdleFor}) with its tenant at its live sessions limit")]
    public static partial void ClosingIdle(ILogger logger, string sessionId, DateTimeOffset lastActiveAt, TimeSpan idleFor);
}
