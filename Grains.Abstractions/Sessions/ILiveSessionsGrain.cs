using SampleMind.Runtime;

namespace SampleMind.Grains.Abstractions.Sessions;

/// <summary>
/// The cluster's live sessions, for the operator dashboard (key: <see cref="LiveSessions.ClusterKey"/>):
/// every session with participants reports itself here from whichever silo hosts it, so every silo's
/// dashboard lists the same sessions. Held in memory; a session silent for <see cref="LiveSessions.StaleAfter"/>
/// (its silo died) is dropped.
/// </summary>
public interface ILiveSessionsGrain : IGrainWithStringKey
{
    /// <summary>Replaces the session's previous report; a report with no participants removes it.</summary>
    Task Report(LiveSessionReport report);

    /// <summary>Every live session, by session id, with its ops per second since its previous report.</summary>
    Task<IReadOnlyList<LiveSessionView>> GetAll();
}
