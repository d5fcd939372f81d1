namespace SampleMind.Runtime.Storage;

/// <summary>
/// One write waiting in a <see cref="SqliteGroupCommitWriter"/>: pending until the writer starts it or
/// its caller's token cancels it, whichever comes first; a started write is completed only after the
/// commit (or the failure) of its batch.
/// </summary>
internal abstract class SqlitePendingWrite
{
    private const int Pending = 0;
    private const int Started = 1;
    private const int Cancelled = 2;

    private int _state;
    private Exception? _error;
    private CancellationTokenRegistration _registration;

    /// <summary>Drops the write if <paramref name="cancellationToken"/> cancels before it starts.</summary>
    public void Register(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.UnsafeRegister(static (state, token) => ((SqlitePendingWrite)state!).OnCancelled(token), this);
        }
    }

    /// <summary>Claims the write for the writer; false when its caller cancelled it first.</summary>
    public bool TryStart() => Interlocked.CompareExchange(ref _state, Started, Pending) == Pending;

    /// <summary>Runs the write; an exception it throws is kept for its caller alone, and false returned.</summary>
    public bool Run(SqliteWriteScope scope)
    {
        try
        {
            RunCore(scope);
            return true;
        }
        catch (Exception error)
        {
            _error = error;
            return false;
        }
    }

    /// <summary>
    /// Completes a started write: with its own error, else with <paramref name="batchError"/> (its batch
    /// did not commit), else with its result. A write that never started fails with <paramref name="batchError"/>.
    /// </summary>
    public void Complete(Exception? batchError)
    {
        var state = Interlocked.CompareExchange(ref _state, Started, Pending);
        if (state == Cancelled)
        {
            return;
        }

        _registration.Dispose();
        if (_error is not null)
        {
            SetException(_error);
        }
        else if (batchError is not null || state == Pending)
        {
            SetException(batchError ?? new InvalidOperationException("The SQLite writer completed a write it never ran."));
        }
        else
        {
            SetResult();
        }
    }

    protected abstract void RunCore(SqliteWriteScope scope);

    protected abstract void SetResult();

    protected abstract void SetException(Exception error);

    protected abstract void SetCanceled(CancellationToken cancellationToken);

    private void OnCancelled(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, Cancelled, Pending) == Pending)
        {
            SetCanceled(cancellationToken);
        }
    }
}
