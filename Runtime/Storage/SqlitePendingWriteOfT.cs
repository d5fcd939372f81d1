namespace SampleMind.Runtime.Storage;

/// <summary>A pending write whose delegate takes <typeparamref name="TState"/> and returns <typeparamref name="TResult"/>.</summary>
internal sealed class SqlitePendingWrite<TState, TResult>(TState state, Func<SqliteWriteScope, TState, TResult> write) : SqlitePendingWrite
{
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TResult? _result;

    /// <summary>Completes after the commit that holds this write (or with its error, or cancelled before it ran).</summary>
    public Task<TResult> Task => _completion.Task;

    protected override void RunCore(SqliteWriteScope scope) => _result = write(scope, state);

    protected override void SetResult() => _completion.TrySetResult(_result!);

    protected override void SetException(Exception error) => _completion.TrySetException(error);

    protected override void SetCanceled(CancellationToken cancellationToken) => _completion.TrySetCanceled(cancellationToken);
}
