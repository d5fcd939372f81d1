using Microsoft.Extensions.DependencyInjection;
using SampleMind.Runtime.Storage;

namespace SampleMind.Runtime.Activation;

/// <summary>
/// What a generated activation factory uses to construct a grain: services for constructor
/// parameters and persistent-state handles for <see cref="PersistentStateAttribute"/> parameters.
/// </summary>
public sealed class GrainActivationContext
{
    private readonly ActivationData _activation;

    internal GrainActivationContext(ActivationData activation) => _activation = activation;

    /// <summary>The grain being activated.</summary>
    public GrainId GrainId => _activation.GrainId;

    /// <summary>The silo's services.</summary>
    public IServiceProvider Services => _activation.Runtime.Services;

    /// <summary>A required constructor dependency.</summary>
    public T GetRequiredService<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>
    /// A state handle; it is read before <see cref="Grain.OnActivateAsync"/> unless <paramref name="readOnActivation"/>
    /// is false (<see cref="PersistentStateAttribute.ReadOnActivation"/>).
    /// </summary>
    public IPersistentState<TState> GetPersistentState<TState>(string stateName, string? storageName, Func<TState> createDefault, bool readOnActivation = true)
    {
        var storage = _activation.Runtime.Storage.Resolve(storageName);
        var state = new PersistentState<TState>(storage, _activation.ClassInfo.GrainType, GrainId, stateName, createDefault);
        if (readOnActivation)
        {
            _activation.States.Add(state);
        }

        return state;
    }
}
