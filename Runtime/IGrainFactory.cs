namespace SampleMind.Runtime;

/// <summary>Makes typed references to grains and to local observer objects.</summary>
public interface IGrainFactory
{
    /// <summary>A reference to the grain of interface <typeparamref name="TGrainInterface"/> with this key.</summary>
    TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey;

    /// <summary>A reference to the grain of interface <typeparamref name="TGrainInterface"/> with this key.</summary>
    TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey) where TGrainInterface : IGrainWithGuidKey;

    /// <summary>
    /// Makes a reference through which grains call <paramref name="obj"/> (arguments are copied).
    /// The reference works until <see cref="DeleteObjectReference{T}"/>; the runtime holds the object strongly.
    /// </summary>
    T CreateObjectReference<T>(IGrainObserver obj) where T : IGrainObserver;

    /// <summary>Deletes a reference made by <see cref="CreateObjectReference{T}"/>; later calls on it fail.</summary>
    void DeleteObjectReference<T>(IGrainObserver reference) where T : IGrainObserver;
}
