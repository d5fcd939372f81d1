using System.Net.WebSockets;
using SampleMind.Grains.Abstractions.Sessions;

namespace SampleMind.Api.Sessions;

internal sealed partial class SessionConnection
{
    /// <summary>
    /// Ends the connection for good (taken over, key revoked): queues the error that says why, then the close frame
    /// (<paramref name="status"/>, <paramref name="description"/>); from now on nothing the client sends is handled. A
    /// client that does not answer the close is dropped at the next keep-alive.
    /// </summary>
    private void End(string reason, WebSocketCloseStatus status, string description)
    {
        lock (_gate)
        {
            if (_ended)
            {
                return;
            }

            _ended = true;
            _close = (status, description);
            Enqueue(SessionMessages.Error(reason));
            Enqueue(s_close);
        }
    }

    /// <summary>Ends the connection when it has not joined the session within <c>helloTimeout</c> of opening.</summary>
    private async Task HelloDeadlineAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(helloTimeout, time, cancellationToken);
        if (_clientId is null)
        {
            End($"No hello within {helloTimeout.TotalSeconds:0.#} s of connecting: the connection is closed. Send hello first.",
                WebSocketCloseStatus.PolicyViolation, "no hello");
        }
    }

    private async Task KeepAliveLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(KeepAliveInterval, time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            if (_ended)
            {
                // Ended a keep-alive ago and the client never answered the close: drop the socket.
                await _abort.CancelAsync();
                return;
            }

            if (await RevokedAsync() is { } revoked)
            {
                End(revoked, WebSocketCloseStatus.PolicyViolation, "key revoked");
                continue;
            }

            if (_clientId is { } clientId && _reference is { } reference && !await StillJoinedAsync(clientId, reference, cancellationToken))
            {
                // The session was reactivated without this participant, or is unreachable: drop the socket so the client rejoins.
                await _abort.CancelAsync();
                return;
            }
        }
    }

    /// <summary>Why the caller's key no longer opens this session (revoked, sessions scope gone), or null; null too when the key could not be asked.</summary>
    private async Task<string?> RevokedAsync()
    {
        try
        {
            return await caller.WhyNotAuthorizedAsync(grains);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>False when the session no longer knows this connection or could not be asked (a call canceled by anything but this connection's end included).</summary>
    private async Task<bool> StillJoinedAsync(string clientId, ISessionObserver reference, CancellationToken cancellationToken)
    {
        try
        {
            return await session.KeepAlive(clientId, reference);
        }
        catch (Exception e) when (e is not OutOfMemoryException && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}
