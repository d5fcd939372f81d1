using SampleMind.Audio;

namespace SampleMind.Grains.Abstractions.Compute;

/// <summary>One file a compute request produced; variations carry their analysis and their source sample.</summary>
public sealed record ComputeFile(string Name, long SizeBytes, string? SourceSampleId, SampleAnalysis? Analysis);
