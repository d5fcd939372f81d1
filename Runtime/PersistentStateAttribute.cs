namespace SampleMind.Runtime;

/// <summary>
/// Marks a grain constructor parameter of type <see cref="IPersistentState{TState}"/>: the runtime
/// injects a handle on the state named <paramref name="stateName"/> in the storage named
/// <paramref name="storageName"/> ("Default": the silo's configured storage).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    /// <summary>The state's name, unique within the grain.</summary>
    public string StateName { get; } = stateName;

    /// <summary>The storage provider's name; null or "Default" for the silo's storage.</summary>
    public string? StorageName { get; } = storageName;

    /// <summary>
    /// Whether the activation reads the state before <see cref="Grain.OnActivateAsync"/> (the default). False leaves
    /// <see cref="IPersistentState{TState}.State"/> new and <see cref="IPersistentState{TState}.Etag"/> null until the
    /// grain calls <see cref="IPersistentState{TState}.ReadStateAsync()"/>: a first write then stores the state only if
    /// none is stored (it throws <see cref="InconsistentStateException"/> when one is, and the grain reads and retries),
    /// which spares a storage round trip for a grain that is usually new when it is first called, such as a sample
    /// recorded by an ingest.
    /// </summary>
    public bool ReadOnActivation { get; init; } = true;
}
