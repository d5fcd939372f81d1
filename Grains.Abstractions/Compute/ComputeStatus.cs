namespace SampleMind.Grains.Abstractions.Compute;

/// <summary>
/// A compute request with its state, the method used ("dsp-hpss", "model:&lt;name&gt;"...) and its files.
/// <paramref name="Progress"/> is the running attempt's share done (0 to 1; 1 once done);
/// <paramref name="Attempts"/> counts the times a worker started it (a worker killed mid-item makes it 2).
/// <paramref name="Refunded"/> is true once a failed request's quota use was given back.
/// </summary>
public sealed record ComputeStatus(
    ComputeRequest Request,
    ComputeState State,
    string? Method,
    IReadOnlyList<ComputeFile> Files,
    string? Error,
    DateTimeOffset? CompletedAt,
    double Progress = 0,
    int Attempts = 0,
    bool Refunded = false);
