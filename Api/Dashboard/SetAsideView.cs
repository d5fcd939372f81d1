namespace SampleMind.Api.Dashboard;

/// <summary>A work item set aside after failing.</summary>
public sealed record SetAsideView(string JobId, string ItemKey, string Error, int Attempts);
