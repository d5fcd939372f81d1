using Microsoft.Data.Sqlite;

namespace SampleMind.Runtime.Storage;

/// <summary>
/// What a write submitted to <see cref="SqliteGroupCommit"/> runs its statements through: the writer's
/// one long-lived connection, inside the batch's transaction and the write's own savepoint. Commands
/// are cached per SQL text, so SQLite keeps each statement prepared across writes and batches.
/// Valid only during the write's delegate; run statements synchronously, dispose every reader, and
/// never dispose a command nor begin, commit or roll back a transaction yourself.
/// </summary>
public sealed class SqliteWriteScope
{
    private readonly StatementCache _commands = new();
    private SqliteConnection? _connection;

    internal SqliteWriteScope()
    {
    }

    /// <summary>True once a connection is attached.</summary>
    internal bool IsOpen => _connection is not null;

    /// <summary>
    /// The cached command for <paramref name="sql"/> on the writer's connection, with its parameters
    /// cleared: add this write's parameters and execute it. Owned by the writer: do not dispose it.
    /// </summary>
    public SqliteCommand Command(string sql)
    {
        ArgumentException.ThrowIfNullOrEmpty(sql);
        var connection = _connection ?? throw new InvalidOperationException("The SQLite writer's connection is not open.");
        return (SqliteCommand)_commands.Get(connection, null, sql);
    }

    /// <summary>Runs <paramref name="sql"/> (transaction control) through the cache.</summary>
    internal void Execute(string sql) => Command(sql).ExecuteNonQuery();

    internal void Attach(SqliteConnection connection) => _connection = connection;

    /// <summary>Disposes the cached commands and the connection (closing the file).</summary>
    internal void Close()
    {
        _commands.Dispose();
        _connection?.Dispose();
        _connection = null;
    }
}
