using SampleMind.Grains.Abstractions.Sessions;

namespace SampleMind.Grains.Sessions;

/// <summary>
/// Closing a session: it is stored as closed, its participants are told and dropped, later joins, undos and redos are
/// refused (<see cref="ClosedReason"/>), and its tenant stops counting it among its live sessions; by a call, or, once it
/// has been idle for long (no participant, no op, undo, redo, join or leave), when its tenant needs the slot.
/// </summary>
public sealed partial class SessionGrain
{
    /// <summary>Why a closed session refuses a join, and what its participants are told when it closes.</summary>
    private const string ClosedReason = "The session was closed: it takes no more participants nor edits (its document and history can still be read).";

    public async Task<SessionInfo?> Close()
    {
        ThrowIfStale();
        DropFailedObservers();
        if (_server is null)
        {
            return null;
        }

        if (state.State.ClosedAt is null)
        {
            state.State.ClosedAt = time.GetUtcNow();
            await WriteOrGoStaleAsync(state.WriteStateAsync);
            foreach (var connected in _participants.Values)
            {
                Forget(connected.Observer.OnClosed(ClosedReason));
            }

            _participants.Clear();
            Report(0);
            SessionLog.Closed(logger, GetPrimaryKeyString(), _server.Revision);
        }

        await GrainFactory.GetGrain<ITenantSessionsGrain>(state.State.TenantId!).Close(GetPrimaryKeyString(), state.State.ClosedAt.Value);
        return Info();
    }

    public async Task<SessionInfo?> CloseIfIdle(TimeSpan idleFor)
    {
        ThrowIfStale();
        DropFailedObservers();
        if (_server is null)
        {
            return null;
        }

        var idle = state.State.ClosedAt is not null || (_participants.Count == 0 && time.GetUtcNow() - LastActiveAt() > idleFor);
        if (!idle)
        {
            return null;
        }

        if (state.State.ClosedAt is null)
        {
            SessionLog.ClosingIdle(logger, GetPrimaryKeyString(), LastActiveAt(), idleFor);
        }

        return await Close();
    }
}
