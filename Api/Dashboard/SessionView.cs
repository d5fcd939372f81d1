namespace SampleMind.Api.Dashboard;

/// <summary>A live collaboration session.</summary>
public sealed record SessionView(string SessionId, string LibraryId, int Participants, double OpsPerSecond, long Revision);
