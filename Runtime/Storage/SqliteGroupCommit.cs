using Microsoft.Data.Sqlite;

namespace SampleMind.Runtime.Storage;

/// <summary>
/// Group commit for one SQLite file: a handle on the process's one writer for that file (one long-lived
/// connection, WAL, <c>synchronous = NORMAL</c>, SQLite's busy timeout kept for other processes). The
/// writer commits every write that is waiting when it takes a turn (up to 256) in one transaction, each
/// inside its own savepoint: a write that throws (an ETag conflict) rolls back only its own changes and
/// faults only its own caller. A caller's task completes only after the commit that holds its write; a
/// failed commit faults every caller of that batch. Handles on one file share the writer, which closes
/// when the last handle is disposed, after committing what was submitted.
/// </summary>
public sealed class SqliteGroupCommit : IAsyncDisposable, IDisposable
{
    private static readonly Dictionary<string, (SqliteGroupCommitWriter Writer, int Handles)> Writers = new(StringComparer.Ordinal);
    private static readonly Lock WritersLock = new();

    private readonly string _key;
    private readonly SqliteGroupCommitWriter _writer;
    private int _disposed;

    private SqliteGroupCommit(string key, SqliteGroupCommitWriter writer)
    {
        _key = key;
        _writer = writer;
    }

    /// <summary>The shared writer, for tests.</summary>
    internal SqliteGroupCommitWriter Writer => _writer;

    /// <summary>
    /// A handle on the writer for the database <paramref name="connectionString"/> names (the first
    /// handle's connection string opens it; later handles on the same file share it).
    /// </summary>
    public static SqliteGroupCommit Open(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var key = FileKey(connectionString);
        lock (WritersLock)
        {
            var (writer, handles) = Writers.TryGetValue(key, out var entry) ? entry : (new SqliteGroupCommitWriter(connectionString), 0);
            Writers[key] = (writer, handles + 1);
            return new SqliteGroupCommit(key, writer);
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> on the writer's connection in the next batch and returns its result
    /// once that batch has committed. <paramref name="write"/> runs synchronously on the writer loop: it
    /// must only run its statements (prepare everything else before), through
    /// <see cref="SqliteWriteScope.Command"/>. If <paramref name="cancellationToken"/> cancels before the
    /// write starts, it is dropped and the task is cancelled; once started, it is committed. A read may go this
    /// way too: it waits its turn, but the writer's page cache is warm where a pooled reader's is voided by
    /// every commit.
    /// </summary>
    public Task<TResult> WriteAsync<TState, TResult>(TState state, Func<SqliteWriteScope, TState, TResult> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<TResult>(cancellationToken);
        }

        var pending = new SqlitePendingWrite<TState, TResult>(state, write);
        pending.Register(cancellationToken);
        if (!_writer.TrySubmit(pending))
        {
            pending.Complete(new ObjectDisposedException(nameof(SqliteGroupCommit), "The SQLite writer of this database is closing."));
        }

        return pending.Task;
    }

    /// <summary>Releases this handle; the last handle on a file drains its writer and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        bool last;
        lock (WritersLock)
        {
            var (writer, handles) = Writers[_key];
            last = handles == 1;
            if (last)
            {
                Writers.Remove(_key);
            }
            else
            {
                Writers[_key] = (writer, handles - 1);
            }
        }

        if (last)
        {
            await _writer.DisposeAsync();
        }
    }

    /// <summary>As <see cref="DisposeAsync"/>, blocking until the writer has drained.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>One key per file: the full path of a file data source, else the connection string itself.</summary>
    private static string FileKey(string connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return source.Length == 0 || source.StartsWith(':') || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            ? connectionString
            : Path.GetFullPath(source);
    }
}
