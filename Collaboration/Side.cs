namespace SampleMind.Collaboration;

/// <summary>
/// Which of two concurrent operations has priority when they tie (same insert position, same field,
/// same moved element). The server transforms an incoming op with <see cref="Right"/> over the ops
/// committed before it, so <see cref="Left"/> is the op that is earlier in server order.
/// </summary>
public enum Side
{
    /// <summary>The op being transformed is earlier in server order: its inserts go first.</summary>
    Left,

    /// <summary>The op being transformed is later in server order: it wins field and move conflicts.</summary>
    Right,
}
