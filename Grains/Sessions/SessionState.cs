using System.Text.Json.Nodes;
using SampleMind.Collaboration.Server;

namespace SampleMind.Grains.Sessions;

/// <summary>
/// A session's persisted facts and its latest two snapshots (written when the session is created and
/// at each snapshot; the ops after the older one live in <see cref="SessionLogState"/>).
/// </summary>
public sealed class SessionState
{
    public string? TenantId { get; set; }

    public string? LibraryId { get; set; }

    public string? OwnerKeyId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the session was closed; null while it is live.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>
    /// When a participant last joined or left (null before the first join; sessions stored before it was kept count from
    /// their creation). The latest op's time is in <see cref="SessionLogState.LastCommittedAt"/>, written with the op.
    /// </summary>
    public DateTimeOffset? LastActiveAt { get; set; }

    /// <summary>The document at the latest snapshot's revision, and each client's last committed op.</summary>
    public OtSnapshot<JsonObject>? Snapshot { get; set; }

    /// <summary>The snapshot before <see cref="Snapshot"/> (null until the second one): activation restores from it.</summary>
    public OtSnapshot<JsonObject>? PreviousSnapshot { get; set; }

    /// <summary>
    /// Each client id's key: the key that first joined with it. Written at that join, before the client is let in, so
    /// another key can never take over the id (and its sequence numbers), not even after the session moved.
    /// </summary>
    public Dictionary<string, string> ClientKeys { get; set; } = new(StringComparer.Ordinal);
}
