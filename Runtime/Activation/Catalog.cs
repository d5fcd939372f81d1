using System.Collections.Concurrent;
using SampleMind.Runtime.Hosting;
using SampleMind.Runtime.Invocation;

namespace SampleMind.Runtime.Activation;

/// <summary>The local activations by grain id; creates one on the first call.</summary>
internal sealed class Catalog(SiloRuntime runtime)
{
    /// <summary>The grain type of observer references.</summary>
    public const string ObserverType = "observer";

    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();

    public ICollection<ActivationData> Activations => _activations.Values;

    public int Count => _activations.Count;

    /// <summary>Delivers a request to its target's activation, activating the grain when needed.</summary>
    public void Dispatch(GrainRequest request, bool allowInline)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (!_activations.TryGetValue(request.Target, out var activation))
            {
                activation = Create(request.Target);
            }

            if (activation.TryEnqueue(request, allowInline))
            {
                return;
            }

            if (activation.ActivationError is { } error)
            {
                // Its activation failed (a state read that threw, OnActivateAsync): the request fails as those queued
                // behind it did, with that cause, where creating another would most likely fail the same way.
                request.TryFail(error);
                return;
            }

            // The activation was deactivated between lookup and enqueue: look again.
            _activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(request.Target, activation));
            if (attempt > 100)
            {
                throw new InvalidOperationException($"Could not deliver {request} after {attempt} attempts.");
            }
        }
    }

    private ActivationData Create(GrainId id)
    {
        if (id.Type == ObserverType)
        {
            throw new ObserverNotFoundException(
                $"The observer {id} was deleted (DeleteObjectReference) or was never created on this silo; the grain holding it should drop it.");
        }

        var classInfo = GrainTypeRegistry.FindClass(id.Type)
            ?? throw new InvalidOperationException($"No grain class is registered with grain type '{id.Type}'.");
        if (!runtime.IsRunning)
        {
            throw new InvalidOperationException($"The silo is stopped: cannot activate {id}.");
        }

        ActivationData created, winner;
        var admission = runtime.AdmitActivation?.Invoke(id);
        try
        {
            created = new ActivationData(runtime, id, classInfo);
            winner = _activations.GetOrAdd(id, created);
        }
        finally
        {
            admission?.End();
        }

        if (ReferenceEquals(winner, created))
        {
            // The silo may have begun stopping since the check above, and its stop may have listed the activations
            // before this one was added (SiloRuntime.StopAsync): then it is not activated, and calls queued on it fail.
            Interlocked.MemoryBarrier();
            if (!runtime.IsRunning)
            {
                var stopped = new InvalidOperationException($"The silo is stopped: cannot activate {id}.");
                created.FailActivation(stopped);
                throw stopped;
            }

            _ = created.ActivateAsync();
        }

        return winner;
    }

    public void AddObserver(ActivationData observer) => _activations[observer.GrainId] = observer;

    public ActivationData? RemoveObserver(GrainId id) => _activations.TryRemove(id, out var removed) ? removed : null;

    public void Remove(ActivationData activation) =>
        _activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(activation.GrainId, activation));
}
