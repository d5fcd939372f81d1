namespace SampleMind.Runtime;

/// <summary>
/// The grain class's stable type name, used in grain ids and storage. Default: the class name without
/// a "Grain" suffix, lower-cased (<c>TenantGrain</c> → "tenant").
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    /// <summary>The stable name.</summary>
    public string Name { get; } = name;
}
