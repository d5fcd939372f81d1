namespace SampleMind.Api.Dashboard;

/// <summary>Work queue depth per role.</summary>
public sealed record QueueView(string Role, long Pending, long Leased, double OldestAgeSeconds, double ItemsPerSecond);
