namespace SampleMind.Audio;

/// <summary>A span of time in seconds from the start of the audio.</summary>
public sealed record TimeRange(double Start, double End);
