using System.Data.Common;
using SampleMind.Runtime.Storage;

namespace SampleMind.Scheduling.Storage;

/// <summary>A connection with its open transaction (and, for SQLite, the held writer lock).</summary>
internal sealed class SqlScope : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly Action? _release;
    private readonly bool _ownsConnection;
    private readonly StatementCache? _statements;

    /// <summary>
    /// A scope over <paramref name="connection"/>; disposing it ends the transaction, closes the connection unless
    /// <paramref name="ownsConnection"/> is false (a long-lived connection of the provider), then runs <paramref name="release"/>.
    /// With <paramref name="statements"/> (the long-lived connection's cache), commands are kept prepared across scopes.
    /// </summary>
    public SqlScope(DbConnection connection, DbTransaction transaction, Action? release, bool ownsConnection = true, StatementCache? statements = null)
    {
        _connection = connection;
        _transaction = transaction;
        _release = release;
        _ownsConnection = ownsConnection;
        _statements = statements;
    }

    /// <summary>
    /// A command for <paramref name="sql"/> bound to this scope's transaction; with a statement cache, the cached
    /// command for that text (its SQL cannot be changed).
    /// </summary>
    public DbCommand Command(string sql)
    {
        if (_statements is not null)
        {
            return _statements.Rent(_connection, _transaction, sql);
        }

        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        return command;
    }

    /// <summary>
    /// Runs <paramref name="statements"/> in order in this scope's transaction: as one batch (one round trip) where the
    /// provider has batches (PostgreSQL), else one after the other (SQLite, in-process, through the statement cache).
    /// </summary>
    public async Task ExecuteAllAsync(IReadOnlyList<SqlStatement> statements, CancellationToken cancellationToken)
    {
        if (statements.Count == 0)
        {
            return;
        }

        if (statements.Count > 1 && _connection.CanCreateBatch)
        {
            await using var batch = _connection.CreateBatch();
            batch.Transaction = _transaction;
            foreach (var statement in statements)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = statement.Sql;
                foreach (var (name, value) in statement.Parameters)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = name;
                    parameter.Value = value ?? DBNull.Value;
                    command.Parameters.Add(parameter);
                }

                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
            return;
        }

        foreach (var statement in statements)
        {
            await using var command = Command(statement.Sql);
            foreach (var (name, value) in statement.Parameters)
            {
                command.With(name, value);
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public Task CommitAsync(CancellationToken cancellationToken) => _transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _transaction.DisposeAsync();
            if (_ownsConnection)
            {
                await _connection.DisposeAsync();
            }
        }
        finally
        {
            _release?.Invoke();
        }
    }
}

/// <summary>One statement of <see cref="SqlScope.ExecuteAllAsync"/>: its SQL and its named parameters.</summary>
internal sealed record SqlStatement(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters);
