using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace SampleMind.Runtime.Storage;

/// <summary>
/// The writer loop behind <see cref="SqliteGroupCommit"/>: one long-lived connection to one database
/// file, fed by a channel. Each turn takes the first waiting write plus every other write already
/// queued (at most <see cref="MaxBatch"/>), runs them in one <c>BEGIN IMMEDIATE</c> transaction, each
/// inside its own savepoint, commits once and then completes every caller.
/// </summary>
internal sealed class SqliteGroupCommitWriter
{
    /// <summary>The most writes committed together.</summary>
    public const int MaxBatch = 256;

    private readonly Channel<SqlitePendingWrite> _queue = Channel.CreateUnbounded<SqlitePendingWrite>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
    private readonly List<SqlitePendingWrite> _batch = new(MaxBatch);
    private readonly SqliteWriteScope _scope = new();
    private readonly string _connectionString;
    private readonly Task _loop;
    private long _batches;
    private int _queued;

    public SqliteGroupCommitWriter(string connectionString)
    {
        _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Transactions this writer has attempted (committed or failed), for tests and diagnostics.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Writes queued and not yet taken into a batch.</summary>
    public int Queued => Volatile.Read(ref _queued);

    /// <summary>Queues <paramref name="write"/>; false once the writer is completing.</summary>
    public bool TrySubmit(SqlitePendingWrite write)
    {
        Interlocked.Increment(ref _queued);
        if (_queue.Writer.TryWrite(write))
        {
            return true;
        }

        Interlocked.Decrement(ref _queued);
        return false;
    }

    /// <summary>Stops taking writes, commits every write already queued, then closes the connection.</summary>
    public Task DisposeAsync()
    {
        _queue.Writer.TryComplete();
        return _loop;
    }

    private async Task RunAsync()
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync())
            {
                while (_batch.Count < MaxBatch && _queue.Reader.TryRead(out var write))
                {
                    _batch.Add(write);
                }

                Interlocked.Add(ref _queued, -_batch.Count);

                var error = await CommitBatchAsync();
                foreach (var write in _batch)
                {
                    write.Complete(error);
                }

                _batch.Clear();
            }
        }
        finally
        {
            _scope.Close();
        }
    }

    /// <summary>
    /// Runs the batch in one transaction, opened at its first write still wanted (a write whose caller
    /// cancelled it before its turn is skipped); returns why the batch did not commit, or null.
    /// </summary>
    private async Task<Exception?> CommitBatchAsync()
    {
        var inTransaction = false;
        try
        {
            foreach (var write in _batch)
            {
                if (!write.TryStart())
                {
                    continue;
                }

                if (!inTransaction)
                {
                    await EnsureOpenAsync();
                    Interlocked.Increment(ref _batches);
                    _scope.Execute("BEGIN IMMEDIATE");
                    inTransaction = true;
                }

                RunInSavepoint(write);
            }

            if (inTransaction)
            {
                _scope.Execute("COMMIT");
            }

            return null;
        }
        catch (Exception error)
        {
            if (inTransaction)
            {
                RollBack();
            }

            return error;
        }
    }

    /// <summary>Runs a started write; a write that throws has only its own changes rolled back.</summary>
    private void RunInSavepoint(SqlitePendingWrite write)
    {
        _scope.Execute("SAVEPOINT group_commit_write");
        if (!write.Run(_scope))
        {
            _scope.Execute("ROLLBACK TO group_commit_write");
        }

        _scope.Execute("RELEASE group_commit_write");
    }

    private void RollBack()
    {
        try
        {
            _scope.Execute("ROLLBACK");
        }
        catch (Exception)
        {
            // SQLite already rolled the transaction back (an I/O or full-disk error does); a connection
            // left in a doubtful state is reopened for the next batch.
            _scope.Close();
        }
    }

    private async Task EnsureOpenAsync()
    {
        if (_scope.IsOpen)
        {
            return;
        }

        var connection = await SqliteConnections.OpenAsync(_connectionString, CancellationToken.None);
        try
        {
            await using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            await wal.ExecuteNonQueryAsync();
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        _scope.Attach(connection);
    }
}
