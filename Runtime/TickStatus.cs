namespace SampleMind.Runtime;

/// <summary>What a reminder tick knows about its schedule.</summary>
/// <param name="FirstTickTime">When the reminder first fired (UTC).</param>
/// <param name="Period">The reminder's period.</param>
/// <param name="CurrentTickTime">When this tick was scheduled (UTC).</param>
public readonly record struct TickStatus(DateTime FirstTickTime, TimeSpan Period, DateTime CurrentTickTime);
