namespace SampleMind.Runtime.Diagnostics;

/// <summary>A lifecycle event's payload.</summary>
/// <param name="SiloId">The silo it happened on.</param>
/// <param name="GrainId">The grain (default for silo-wide events such as a collection pass).</param>
/// <param name="Detail">The deactivation reason, the reminder name or the number collected.</param>
public sealed record RuntimeEvent(string SiloId, GrainId GrainId, string? Detail);
