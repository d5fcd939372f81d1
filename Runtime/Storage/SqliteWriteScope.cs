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
    /// <summary>Distinct SQL texts kept prepared; past this the cache is emptied and starts again.</summary>
    internal const int MaxCachedCommands = 128;

    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
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
        if (_commands.TryGetValue(sql, out var command))
        {
            command.Parameters.Clear();
            return command;
        }

        if (_commands.Count >= MaxCachedCommands)
        {
            DisposeCommands();
        }

        command = connection.CreateCommand();
        command.CommandText = sql;
        _commands.Add(sql, command);
        return command;
    }

    /// <summary>Runs <paramref name="sql"/> (transaction control) through the cache.</summary>
    internal void Execute(string sql) => Command(sql).ExecuteNonQuery();

    internal void Attach(SqliteConnection connection) => _connection = connection;

    /// <summary>Disposes the cached commands and the connection (closing the file).</summary>
    internal void Close()
    {
        DisposeCommands();
        _connection?.Dispose();
        _connection = null;
    }

    private void DisposeCommands()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
