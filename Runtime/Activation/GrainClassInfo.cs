namespace SampleMind.Runtime.Activation;

/// <summary>What the generated code registers for one grain class.</summary>
/// <param name="ClassType">The grain class.</param>
/// <param name="GrainType">Its stable type name (<see cref="GrainTypeAttribute"/> or derived from the class name).</param>
/// <param name="IsReentrant">True when marked <see cref="ReentrantAttribute"/>.</param>
/// <param name="PlacementRole">The role from <see cref="RolePlacementAttribute"/>, or null (any silo).</param>
/// <param name="Interfaces">The grain interfaces it implements.</param>
/// <param name="Factory">Constructs an instance, resolving constructor parameters from the context.</param>
public sealed record GrainClassInfo(
    Type ClassType,
    string GrainType,
    bool IsReentrant,
    string? PlacementRole,
    IReadOnlyList<Type> Interfaces,
    Func<GrainActivationContext, object> Factory)
{
    /// <summary>The class's <see cref="CollectionAgeLimitAttribute"/>, or null for the silo's collection age.</summary>
    public TimeSpan? CollectionAge { get; init; }

    /// <summary>True when the class implements <see cref="IRemindable"/>.</summary>
    public bool IsRemindable => typeof(IRemindable).IsAssignableFrom(ClassType);

    internal bool IsObserver { get; init; }
}
