using SampleMind.Runtime.Diagnostics;
using SampleMind.Runtime.Invocation;

namespace SampleMind.Runtime.Activation;

internal sealed partial class ActivationData
{
    /// <summary>Constructs the grain, reads its state, runs OnActivateAsync, then opens the mailbox.</summary>
    public async Task ActivateAsync()
    {
        try
        {
            var context = new GrainActivationContext(this);
            t_constructing = this;
            try
            {
                Instance = ClassInfo.Factory(context);
            }
            finally
            {
                t_constructing = null;
            }

            foreach (var state in States)
            {
                await state.ReadStateAsync(CancellationToken.None).ConfigureAwait(false);
            }

            await ((Grain)Instance).OnActivateAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            RuntimeLog.ActivationFailed(Runtime.Logger, GrainId.ToString(), ex);
            FailActivation(ex);
            return;
        }

        Runtime.OnActivated(this);
        var deactivate = false;
        lock (_lock)
        {
            _state = ActivationState.Valid;
            StartQueuedTurns();
            if (_deactivateRequested && _running == 0 && _queue.Count == 0)
            {
                _state = ActivationState.Deactivating;
                deactivate = true;
            }
        }

        if (deactivate)
        {
            _ = DeactivateAsync(_deactivateReason);
        }
    }

    /// <summary>Leaves the catalog without activating: queued calls (and those that find it later) fail with <paramref name="ex"/>.</summary>
    public void FailActivation(Exception ex)
    {
        GrainRequest[] queued;
        lock (_lock)
        {
            ActivationError = ex;
            _state = ActivationState.Invalid;
            queued = [.. _queue];
            _queue.Clear();
        }

        Runtime.Catalog.Remove(this);
        _deactivated.TrySetResult();
        foreach (var request in queued)
        {
            request.TryFail(ex);
        }
    }

    private async Task DeactivateAsync(DeactivationReason reason)
    {
        IGrainTimer[] timers;
        lock (_lock)
        {
            timers = [.. _timers];
            _timers.Clear();
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }

        if (Instance is Grain grain)
        {
            try
            {
                await grain.OnDeactivateAsync(reason, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                RuntimeLog.DeactivationFailed(Runtime.Logger, GrainId.ToString(), ex);
            }
        }

        GrainRequest[] queued;
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            queued = [.. _queue];
            _queue.Clear();
        }

        Runtime.Catalog.Remove(this);
        Runtime.OnDeactivated(this, reason);
        _deactivated.TrySetResult();
        foreach (var request in queued)
        {
            // Calls that arrived while deactivating go to a fresh activation.
            Runtime.Redispatch(request);
        }
    }

    /// <summary>Drops an observer: queued calls fail.</summary>
    public void Invalidate(Exception reason)
    {
        GrainRequest[] queued;
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            queued = [.. _queue];
            _queue.Clear();
        }

        foreach (var request in queued)
        {
            request.TryFail(reason);
        }
    }
}
