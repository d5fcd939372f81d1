namespace SampleMind.Scheduling;

/// <summary>A completed item's recorded result.</summary>
/// <param name="ItemId">The item id (page with it).</param>
/// <param name="ItemKey">The key given at enqueue.</param>
/// <param name="Kind">The item kind.</param>
/// <param name="ResultJson">What the handler returned (JSON text), or null.</param>
/// <param name="CompletedAt">When the completion was recorded.</param>
public sealed record WorkResult(long ItemId, string ItemKey, string Kind, string? ResultJson, DateTimeOffset CompletedAt);
