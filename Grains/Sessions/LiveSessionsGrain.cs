using SampleMind.Grains.Abstractions.Sessions;
using SampleMind.Runtime;

namespace SampleMind.Grains.Sessions;

/// <summary>Keeps the latest report of each live session in memory (see <see cref="ILiveSessionsGrain"/>).</summary>
public sealed class LiveSessionsGrain(TimeProvider time) : Grain, ILiveSessionsGrain
{
    private readonly Dictionary<string, Entry> _sessions = new(StringComparer.Ordinal);

    public Task Report(LiveSessionReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var now = time.GetUtcNow();
        if (report.Participants <= 0)
        {
            _sessions.Remove(report.SessionId);
            return Task.CompletedTask;
        }

        var rate = 0.0;
        if (_sessions.TryGetValue(report.SessionId, out var previous) && report.Revision >= previous.Report.Revision)
        {
            var seconds = (now - previous.ReceivedAt).TotalSeconds;
            rate = seconds > 0 ? (report.Revision - previous.Report.Revision) / seconds : previous.OpsPerSecond;
        }

        _sessions[report.SessionId] = new Entry(report, now, rate);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<LiveSessionView>> GetAll()
    {
        var now = time.GetUtcNow();
        foreach (var stale in _sessions.Where(s => now - s.Value.ReceivedAt > LiveSessions.StaleAfter).Select(s => s.Key).ToList())
        {
            _sessions.Remove(stale);
        }

        // Sessions report every second while ops commit: a report older than two seconds means none came since.
        IReadOnlyList<LiveSessionView> all = [.. _sessions.Values
            .OrderBy(e => e.Report.SessionId, StringComparer.Ordinal)
            .Select(e => new LiveSessionView(e.Report, now - e.ReceivedAt > 2 * LiveSessions.ReportInterval ? 0 : e.OpsPerSecond))];
        return Task.FromResult(all);
    }

    private sealed record Entry(LiveSessionReport Report, DateTimeOffset ReceivedAt, double OpsPerSecond);
}
