using System.Diagnostics;
using SampleMind.Runtime.Diagnostics;
using SampleMind.Runtime.Serialization;

namespace SampleMind.Runtime.Invocation;

/// <summary>
/// A call returning <typeparamref name="TResult"/> (<see cref="object"/> for methods returning
/// <see cref="Task"/> or <see cref="ValueTask"/>). The request is also its own completion: the caller
/// gets a finished task when the turn ran inline and finished synchronously, and a
/// <see cref="TaskCompletionSource{TResult}"/>'s task otherwise.
/// </summary>
public abstract class GrainRequest<TResult> : GrainRequest
{
    private static readonly TaskCompletionSource<TResult> s_completedSynchronously = new();
    private TaskCompletionSource<TResult>? _completion;
    private PendingCalls? _pendingCalls;
    private TResult? _result;
    private Exception? _exception;
    private int _state;

    internal sealed override bool IsCompleted => Volatile.Read(ref _state) != 0;

    /// <summary>Calls the grain method on <paramref name="target"/> with this request's arguments.</summary>
    protected abstract ValueTask<TResult> InvokeCore(object target);

    /// <summary>Adapts a <see cref="Task"/>-returning method (generated code).</summary>
    protected static ValueTask<object?> FromTask(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.IsCompletedSuccessfully ? default : AwaitVoid(task);
    }

    /// <summary>Adapts a <see cref="ValueTask"/>-returning method (generated code).</summary>
    protected static ValueTask<object?> FromValueTask(ValueTask task) =>
        task.IsCompletedSuccessfully ? default : AwaitVoid(task.AsTask());

    private static async ValueTask<object?> AwaitVoid(Task task)
    {
        await task.ConfigureAwait(false);
        return null;
    }

    internal sealed override void Execute()
    {
        var activation = Activation!;
        var previous = Current;
        Current = this;
        var traced = IsTraced;
        var previousActivity = traced ? Activity.Current : null;
        if (traced)
        {
            RuntimeTracing.StartServer(this, activation);
        }

        var started = activation.Runtime.Metrics.StartCall();
        ValueTask<TResult> pending;
        try
        {
            pending = InvokeCore(activation.Instance);
        }
        catch (Exception ex)
        {
            Current = previous;
            RestoreActivity(traced, previousActivity);
            Finish(default, ex, started);
            return;
        }

        Current = previous;
        RestoreActivity(traced, previousActivity);
        if (pending.IsCompletedSuccessfully)
        {
            Finish(pending.Result, null, started);
        }
        else
        {
            _ = AwaitTurnAsync(pending, started);
        }
    }

    private static void RestoreActivity(bool traced, Activity? previous)
    {
        if (traced)
        {
            Activity.Current = previous;
        }
    }

    private async Task AwaitTurnAsync(ValueTask<TResult> pending, long started)
    {
        TResult? result = default;
        Exception? error = null;
        try
        {
            result = await pending.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            error = ex;
        }

        Finish(result, error, started);
    }

    private void Finish(TResult? result, Exception? error, long started)
    {
        var activation = Activation!;
        if (error is null)
        {
            try
            {
                result = GrainCopier<TResult>.Copy(result!);
            }
            catch (Exception ex)
            {
                error = ex;
            }
        }

        activation.Runtime.Metrics.EndCall(activation.ClassInfo.GrainType, MethodName, started, error is not null);
        if (IsTraced)
        {
            RuntimeTracing.EndServer(this, error);
        }

        OnTurnFinished();
        activation.OnTurnCompleted(this);
        if (error is null)
        {
            TrySucceed(result!);
        }
        else
        {
            TryFail(error);
        }
    }

    private bool TrySucceed(TResult result)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            return false;
        }

        _result = result;
        Publish();
        return true;
    }

    internal sealed override bool TryFail(Exception exception)
    {
        if (Interlocked.CompareExchange(ref _state, 2, 0) != 0)
        {
            return false;
        }

        _exception = exception;
        Publish();
        return true;
    }

    private void Publish()
    {
        if (IsTraced)
        {
            RuntimeTracing.EndClient(this, _exception);
        }

        if (CompletionObserver is { } observer)
        {
            observer.OnCompleted(this, _exception);
            return;
        }

        var completion = Interlocked.CompareExchange(ref _completion, s_completedSynchronously, null);
        if (completion is null)
        {
            return;
        }

        (_pendingCalls ?? Activation?.Runtime.PendingCalls)?.Remove(this);
        if (_exception is null)
        {
            completion.TrySetResult(_result!);
        }
        else
        {
            completion.TrySetException(_exception);
        }
    }

    /// <summary>The caller's task: finished at once when the call already completed.</summary>
    internal Task<TResult> GetResultTask(PendingCalls pending)
    {
        var completion = Volatile.Read(ref _completion);
        if (completion is null)
        {
            _pendingCalls = pending;
            var created = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            completion = Interlocked.CompareExchange(ref _completion, created, null) ?? created;
            if (ReferenceEquals(completion, created))
            {
                pending.Add(this);
                return created.Task;
            }
        }

        if (!ReferenceEquals(completion, s_completedSynchronously))
        {
            return completion.Task;
        }

        return _exception is null ? Task.FromResult(_result!) : Task.FromException<TResult>(_exception);
    }

    internal sealed override bool TryCompleteFromWire(ReadOnlySpan<byte> resultJson) =>
        TrySucceed(GrainSerializer.Deserialize<TResult>(resultJson)!);

    internal sealed override void WriteResult(System.Text.Json.Utf8JsonWriter writer) =>
        System.Text.Json.JsonSerializer.Serialize(writer, _result!, GrainSerializer.GetTypeInfo<TResult>());
}
