namespace SampleMind.Grains.Abstractions.Compute;

/// <summary>Where a compute request (stem separation or variations) stands.</summary>
public enum ComputeState
{
    Queued,
    Running,
    Done,
    Failed,
}
