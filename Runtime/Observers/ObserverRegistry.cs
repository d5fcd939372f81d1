using SampleMind.Runtime.Activation;
using SampleMind.Runtime.Hosting;
using SampleMind.Runtime.Invocation;

namespace SampleMind.Runtime.Observers;

/// <summary>
/// Local objects reachable through observer references. Each gets a mailbox like a grain (calls to
/// it run one at a time, in order), is never collected, and is dropped by <see cref="Delete"/>.
/// </summary>
internal sealed class ObserverRegistry(SiloRuntime runtime)
{
    private static readonly GrainClassInfo s_observerClass = new(
        typeof(IGrainObserver), Catalog.ObserverType, false, null, [], _ => throw new InvalidOperationException("Observers are not activated."))
    {
        IsObserver = true,
    };

    public T Create<T>(IGrainObserver obj) where T : IGrainObserver
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (obj is not T)
        {
            throw new ArgumentException($"The object ({obj.GetType().Name}) does not implement {typeof(T).Name}.", nameof(obj));
        }

        var factory = GrainTypeRegistry.ReferenceFactory<T>();
        var id = new GrainId(Catalog.ObserverType, Guid.NewGuid().ToString("N"));
        runtime.Catalog.AddObserver(ActivationData.ForObserver(runtime, id, s_observerClass, obj));
        return factory(runtime.Router, id);
    }

    public void Delete(IGrainObserver reference)
    {
        if (reference is not GrainReference grainReference)
        {
            throw new ArgumentException("Pass the reference that CreateObjectReference returned, not the object.", nameof(reference));
        }

        runtime.Catalog.RemoveObserver(grainReference.GrainId)?.Invalidate(
            new ObserverNotFoundException($"The observer {grainReference.GrainId} was deleted while a call to it was queued."));
    }
}
