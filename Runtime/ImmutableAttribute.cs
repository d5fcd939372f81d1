namespace SampleMind.Runtime;

/// <summary>Values of this type are never mutated: they cross grain boundaries without being copied.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class ImmutableAttribute : Attribute;
