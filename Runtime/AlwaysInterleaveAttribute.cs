namespace SampleMind.Runtime;

/// <summary>This interface method runs at once, even while another turn of the grain is in progress.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class AlwaysInterleaveAttribute : Attribute;
