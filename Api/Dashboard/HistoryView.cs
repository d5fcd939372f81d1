namespace SampleMind.Api.Dashboard;

/// <summary>The last hour, one point per 10 s: [unix seconds, value].</summary>
public sealed record HistoryView(
    IReadOnlyList<double[]> CallsPerSecond, IReadOnlyList<double[]> P99Ms, IReadOnlyList<double[]> QueueDepth);
