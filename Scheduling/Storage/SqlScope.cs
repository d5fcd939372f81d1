using System.Data.Common;

namespace SampleMind.Scheduling.Storage;

/// <summary>A connection with its open transaction (and, for SQLite, the held writer lock).</summary>
internal sealed class SqlScope : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly Action? _release;
    private readonly bool _ownsConnection;

    /// <summary>
    /// A scope over <paramref name="connection"/>; disposing it ends the transaction, closes the connection unless
    /// <paramref name="ownsConnection"/> is false (a long-lived connection of the provider), then runs <paramref name="release"/>.
    /// </summary>
    public SqlScope(DbConnection connection, DbTransaction transaction, Action? release, bool ownsConnection = true)
    {
        _connection = connection;
        _transaction = transaction;
        _release = release;
        _ownsConnection = ownsConnection;
    }

    /// <summary>A command bound to this scope's transaction.</summary>
    public DbCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        return command;
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
