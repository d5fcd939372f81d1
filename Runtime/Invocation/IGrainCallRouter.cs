namespace SampleMind.Runtime.Invocation;

/// <summary>
/// Where a reference sends its calls. Embedded mode routes to the local catalog; cluster mode
/// will route to the silo owning the grain's partition, behind this same seam, so generated code
/// does not change.
/// </summary>
public interface IGrainCallRouter
{
    /// <summary>Sends <paramref name="request"/> to the grain <paramref name="target"/>.</summary>
    Task<TResult> InvokeAsync<TResult>(GrainId target, GrainRequest<TResult> request);
}
