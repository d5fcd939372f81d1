using SampleMind.Grains.Abstractions.Compute;

namespace SampleMind.Grains.Compute;

/// <summary>The persisted state of a <see cref="ComputeRequestGrain"/>.</summary>
public sealed class ComputeRequestState
{
    public ComputeStatus? Status { get; set; }
}
