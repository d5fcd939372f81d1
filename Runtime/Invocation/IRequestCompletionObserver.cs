namespace SampleMind.Runtime.Invocation;

/// <summary>Told when a request completes (cluster mode: answers a call that came from another silo).</summary>
internal interface IRequestCompletionObserver
{
    /// <summary>The request completed: successfully when <paramref name="error"/> is null (its result: <see cref="GrainRequest.WriteResult"/>).</summary>
    void OnCompleted(GrainRequest request, Exception? error);
}
