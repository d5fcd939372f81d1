namespace SampleMind.Runtime.Bench;

/// <summary>The benchmark's argument: two ints and a short string (copied at the grain boundary).</summary>
public sealed record SmallRecord(int A, int B, string Label);
