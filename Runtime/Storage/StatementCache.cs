using System.Data;
using System.Data.Common;

namespace SampleMind.Runtime.Storage;

/// <summary>
/// Commands kept per SQL text on one long-lived connection, so that SQLite prepares each statement once
/// instead of at every use: the group-commit writer's connection (<c>SqliteWriteScope</c>, through
/// <see cref="Get"/>) and the SQLite queue's write connection (through <see cref="Rent"/>). Used by one
/// writer at a time; <see cref="Dispose"/> goes with the connection. Compiled into Runtime and, linked,
/// into Scheduling (which does not reference Runtime).
/// </summary>
internal sealed class StatementCache : IDisposable
{
    /// <summary>Distinct SQL texts kept; past this the cache is emptied and starts again.</summary>
    internal const int MaxStatements = 64;

    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The number of SQL texts kept now.</summary>
    public int Count => _commands.Count;

    /// <summary>
    /// The cached command for <paramref name="sql"/> itself, parameters cleared and <paramref name="transaction"/> set,
    /// for a caller that owns the cache: it must not dispose the command.
    /// </summary>
    public DbCommand Get(DbConnection connection, DbTransaction? transaction, string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            if (_commands.Count >= MaxStatements)
            {
                Dispose();
            }

            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        command.Parameters.Clear();
        command.Transaction = transaction;
        return command;
    }

    /// <summary>
    /// The cached command for <paramref name="sql"/> lent for one use: a <see cref="ReusedCommand"/>, whose disposal
    /// leaves the cached command (and its prepared statement) alive, and whose SQL text cannot be changed.
    /// </summary>
    public DbCommand Rent(DbConnection connection, DbTransaction transaction, string sql) =>
        new ReusedCommand(Get(connection, transaction, sql));

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }

    /// <summary>A cached command lent for one use: everything goes to it except disposal and a new SQL text.</summary>
    private sealed class ReusedCommand(DbCommand inner) : DbCommand
    {
#pragma warning disable CS8765 // DbCommand's CommandText setter is declared nullable-oblivious.
        public override string CommandText
        {
            get => inner.CommandText;
            set
            {
                if (!string.Equals(value, inner.CommandText, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException("A cached statement's SQL text cannot be changed; ask the scope for a command with the new text.");
                }
            }
        }
#pragma warning restore CS8765

        public override int CommandTimeout { get => inner.CommandTimeout; set => inner.CommandTimeout = value; }

        public override CommandType CommandType { get => inner.CommandType; set => inner.CommandType = value; }

        public override bool DesignTimeVisible { get => inner.DesignTimeVisible; set => inner.DesignTimeVisible = value; }

        public override UpdateRowSource UpdatedRowSource { get => inner.UpdatedRowSource; set => inner.UpdatedRowSource = value; }

        protected override DbConnection? DbConnection { get => inner.Connection; set => inner.Connection = value; }

        protected override DbParameterCollection DbParameterCollection => inner.Parameters;

        protected override DbTransaction? DbTransaction { get => inner.Transaction; set => inner.Transaction = value; }

        public override void Cancel() => inner.Cancel();

        public override int ExecuteNonQuery() => inner.ExecuteNonQuery();

        public override object? ExecuteScalar() => inner.ExecuteScalar();

        public override void Prepare() => inner.Prepare();

        public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) => inner.ExecuteNonQueryAsync(cancellationToken);

        public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) => inner.ExecuteScalarAsync(cancellationToken);

        protected override DbParameter CreateDbParameter() => inner.CreateParameter();

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => inner.ExecuteReader(behavior);

        protected override Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
            inner.ExecuteReaderAsync(behavior, cancellationToken);

        // Disposal returns the command to the cache: the inner command (and its prepared statement) stays.
        protected override void Dispose(bool disposing)
        {
        }

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
