using System.Collections.Concurrent;
using SampleMind.Grains.Abstractions.Sessions;

namespace SampleMind.Grains.Sessions;

public sealed partial class SessionGrain
{
    /// <summary>
    /// Pushes to every participant's observer (but <paramref name="except"/>) without waiting: calls
    /// to one observer are delivered in the order they are made, so ops arrive in revision order.
    /// An observer whose call fails (its node or socket is gone) is dropped at the next turn.
    /// </summary>
    private void Broadcast(Func<ISessionObserver, Task> push, string? except = null)
    {
        DropFailedObservers();
        foreach (var (clientId, connected) in _participants)
        {
            if (clientId == except)
            {
                continue;
            }

            var task = push(connected.Observer);
            if (!task.IsCompletedSuccessfully)
            {
                task.ContinueWith(
                    static (t, s) => ((FailedCall)s!).RecordIfFailed(t),
                    new FailedCall(_failed, clientId, connected.Observer),
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }
        }
    }

    private void DropFailedObservers()
    {
        var changed = false;
        while (_failed.TryDequeue(out var failed))
        {
            if (IsConnectedThrough(failed.ClientId, failed.Observer))
            {
                _participants.Remove(failed.ClientId);
                changed = true;
            }
        }

        if (changed)
        {
            // Their leave is stored with the next write; until then this activation knows it.
            state.State.LastActiveAt = time.GetUtcNow();
            var participants = Participants();
            Broadcast(o => o.OnParticipants(participants));
        }
    }

    private sealed record FailedCall(ConcurrentQueue<(string ClientId, ISessionObserver Observer)> Queue, string ClientId, ISessionObserver Observer)
    {
        public void RecordIfFailed(Task call)
        {
            if (!call.IsCompletedSuccessfully)
            {
                Queue.Enqueue((ClientId, Observer));
            }
        }
    }
}
