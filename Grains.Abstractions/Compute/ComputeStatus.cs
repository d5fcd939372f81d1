namespace SampleMind.Grains.Abstractions.Compute;

/// <summary>A compute request with its state, the method used ("dsp-hpss", "model:&lt;name&gt;"...) and its files.</summary>
public sealed record ComputeStatus(
    ComputeRequest Request,
    ComputeState State,
    string? Method,
    IReadOnlyList<ComputeFile> Files,
    string? Error,
    DateTimeOffset? CompletedAt);
