using SampleMind.Runtime;

namespace SampleMind.Grains.Abstractions.Sessions;

/// <summary>
/// What a session pushes to a connected participant (the API node holding its WebSocket).
/// Calls arrive one at a time in the order the session made them, so ops arrive in revision order.
/// Implementations must return quickly (queue the message, never wait on the socket).
/// </summary>
public interface ISessionObserver : IGrainObserver
{
    /// <summary>A committed op, the receiver's own included (which acknowledges it).</summary>
    Task OnOp(SessionOp op);

    /// <summary>Another participant's presence changed.</summary>
    Task OnPresence(SessionPresenceUpdate update);

    /// <summary>A chat line.</summary>
    Task OnChat(SessionChat chat);

    /// <summary>Someone joined or left: everyone connected now.</summary>
    Task OnParticipants(IReadOnlyList<SessionParticipant> participants);

    /// <summary>
    /// Another connection of the same key joined with this participant's client id: the session no longer pushes to
    /// this observer nor takes anything from it; <paramref name="reason"/> says so.
    /// </summary>
    Task OnTakenOver(string reason);

    /// <summary>The session was closed: it no longer pushes to this observer nor takes anything from it; <paramref name="reason"/> says so.</summary>
    Task OnClosed(string reason);
}
