namespace SampleMind.Scheduling;

/// <summary>An item set aside after failing.</summary>
/// <param name="ItemId">The item id.</param>
/// <param name="ItemKey">The key given at enqueue.</param>
/// <param name="Kind">The item kind.</param>
/// <param name="Attempts">How many times it was claimed.</param>
/// <param name="Error">The last error reported.</param>
/// <param name="FailedAt">When it was set aside.</param>
public sealed record WorkFailure(long ItemId, string ItemKey, string Kind, int Attempts, string Error, DateTimeOffset FailedAt);
