namespace SampleMind.Grains.Abstractions.Ingest;

/// <summary>A file that could not be analysed, with the reason.</summary>
public sealed record ItemFailure(string Path, string Reason, int Attempts);
