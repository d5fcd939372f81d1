namespace SampleMind.Grains.Abstractions.Compute;

/// <summary>Where a compute request (stem separation or variations) stands.</summary>
public enum ComputeState
{
    Queued,
    Running,
    Done,
    Failed,

    /// <summary>Cancelled by its tenant before it was done: its unit was given back, no files are kept.</summary>
    Cancelled,
}
