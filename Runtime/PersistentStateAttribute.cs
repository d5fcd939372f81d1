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
}
