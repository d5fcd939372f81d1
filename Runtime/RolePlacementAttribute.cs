namespace SampleMind.Runtime;

/// <summary>
/// Places the grain class on silos with this role in cluster mode (embedded mode has every role).
/// Recorded in the grain's metadata (<c>GrainClassInfo.PlacementRole</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RolePlacementAttribute(string role) : Attribute
{
    /// <summary>The silo role ("api", "cpu", "gpu").</summary>
    public string Role { get; } = role;
}
