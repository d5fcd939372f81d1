using SampleMind.Runtime.Hosting;
using SampleMind.Runtime.Invocation;

namespace SampleMind.Runtime.Activation;

/// <summary>Makes references routed through the silo's <see cref="IGrainCallRouter"/>.</summary>
internal sealed class GrainFactory(SiloRuntime runtime) : IGrainFactory
{
    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(primaryKey);
        return Create<TGrainInterface>(primaryKey);
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey) where TGrainInterface : IGrainWithGuidKey =>
        Create<TGrainInterface>(primaryKey.ToString("D"));

    private TGrainInterface Create<TGrainInterface>(string key)
    {
        var factory = GrainTypeRegistry.ReferenceFactory<TGrainInterface>();
        var classInfo = GrainTypeRegistry.ResolveClass<TGrainInterface>();
        return factory(runtime.Router, new GrainId(classInfo.GrainType, key));
    }

    public T CreateObjectReference<T>(IGrainObserver obj) where T : IGrainObserver => runtime.Observers.Create<T>(obj);

    public void DeleteObjectReference<T>(IGrainObserver reference) where T : IGrainObserver => runtime.Observers.Delete(reference);
}
