namespace SampleMind.Api.Dashboard;

/// <summary>
/// Totals over every job the dashboard's index remembers (every running or paused job, the newest 1,000 ended), not
/// only the rows listed: running and paused jobs, active jobs past the listed cap, and files set aside.
/// </summary>
public sealed record JobTotalsView(int Running, int Paused, int ActiveNotShown, long Failed);
