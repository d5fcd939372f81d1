namespace SampleMind.Audio;

/// <summary>Mean and standard deviation of a per-frame feature.</summary>
public sealed record StatSummary(double Mean, double Std);
