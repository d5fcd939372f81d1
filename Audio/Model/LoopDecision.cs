namespace SampleMind.Audio;

/// <summary>Whether the sample is a loop (periodic, bar-length) or a one-shot, and why.</summary>
public sealed record LoopDecision
{
    /// <summary>True for a loop, false for a one-shot.</summary>
    public required bool IsLoop { get; init; }

    /// <summary>Length in beats at the detected tempo, when a tempo was found.</summary>
    public double? LengthInBeats { get; init; }

    /// <summary>A human sentence naming the deciding evidence.</summary>
    public required string Reason { get; init; }
}
