using SampleMind.Grains.Abstractions.Sessions;
using SampleMind.Runtime;

namespace SampleMind.Grains.Sessions;

/// <summary>
/// While a session has participants it reports its participant count and revision to
/// <see cref="ILiveSessionsGrain"/> (the dashboard's live sessions, cluster-wide): at once after a
/// change, every <see cref="LiveSessions.ReportInterval"/> while ops commit, and at least every
/// <see cref="LiveSessions.HeartbeatInterval"/>; a last report with no participants removes it. A
/// session that moves to another silo reports from there; one whose silo died drops out after
/// <see cref="LiveSessions.StaleAfter"/> unless a reconnecting client reactivates it.
/// </summary>
public sealed partial class SessionGrain
{
    private IGrainTimer? _reportTimer;
    private int _reportedParticipants;
    private long _reportedRevision = -1;
    private DateTimeOffset _reportedAt;

    private void StartReporting() =>
        _reportTimer ??= RegisterGrainTimer(OnReportTimerAsync, TimeSpan.Zero, LiveSessions.ReportInterval);

    private Task OnReportTimerAsync(CancellationToken cancellationToken)
    {
        DropFailedObservers();
        var participants = _participants.Count;
        if (participants != _reportedParticipants || (_server?.Revision ?? 0) != _reportedRevision
            || time.GetUtcNow() - _reportedAt >= LiveSessions.HeartbeatInterval)
        {
            Report(participants);
        }

        if (participants == 0)
        {
            _reportTimer?.Dispose();
            _reportTimer = null;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Sends the report without awaiting it: the live-sessions grain may be moving between silos (a
    /// drain hands its partition off), and a session turn waiting on it would hold up ops, joins and
    /// the session's own hand-off. A report that fails is repeated by the next heartbeat.
    /// </summary>
    private void Report(int participants)
    {
        var revision = _server?.Revision ?? 0;
        _reportedParticipants = participants;
        _reportedRevision = revision;
        _reportedAt = time.GetUtcNow();
        var report = GrainFactory.GetGrain<ILiveSessionsGrain>(LiveSessions.ClusterKey).Report(new LiveSessionReport(
            GetPrimaryKeyString(), state.State.TenantId ?? "", state.State.LibraryId ?? "", participants, revision));
        Forget(report);
    }
}
