namespace SampleMind.GpuWorker.Separation;

/// <summary>What a streamed separation did: method, stems written, frames and segments processed.</summary>
public sealed record SeparationSummary(
    string Method,
    IReadOnlyList<string> StemNames,
    long Frames,
    int Segments,
    string Description);
