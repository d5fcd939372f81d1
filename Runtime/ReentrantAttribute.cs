namespace SampleMind.Runtime;

/// <summary>
/// The grain class accepts a new call while another is awaiting: turns interleave. Unlike Orleans, the
/// interleaved turns may run on different thread-pool threads at once, so shared fields need care.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ReentrantAttribute : Attribute;
