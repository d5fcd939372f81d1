namespace SampleMind.Scheduling.Storage;

/// <summary>
/// Item states as stored. The SQL spells them as literals (0 pending, 1 leased, 2 succeeded,
/// 3 failed, 4 cancelled) so that partial indexes on <c>state = 0</c> / <c>state = 1</c> are used.
/// </summary>
internal static class ItemState
{
    public const int Pending = 0;
    public const int Leased = 1;
    public const int Succeeded = 2;
    public const int Failed = 3;
    public const int Cancelled = 4;
}
