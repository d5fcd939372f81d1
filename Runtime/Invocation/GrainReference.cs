namespace SampleMind.Runtime.Invocation;

/// <summary>
/// Base of the generated typed references: an address (<see cref="GrainId"/>) and the router that
/// carries calls to it. References are immutable and cross grain boundaries without copying.
/// </summary>
public abstract class GrainReference(IGrainCallRouter router, GrainId grainId) : IAddressable
{
    /// <summary>The grain (or observer) this reference addresses.</summary>
    public GrainId GrainId { get; } = grainId;

    /// <summary>Sends a call (generated methods call this).</summary>
    protected Task<TResult> InvokeAsync<TResult>(GrainRequest<TResult> request) => router.InvokeAsync(GrainId, request);

    /// <inheritdoc/>
    public override string ToString() => GrainId.ToString();

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is GrainReference other && other.GrainId == GrainId;

    /// <inheritdoc/>
    public override int GetHashCode() => GrainId.GetHashCode();
}
