using System.Data.Common;

namespace SampleMind.Scheduling.Storage;

/// <summary>A connection with its open transaction (and, for SQLite, the held writer lock).</summary>
internal sealed class SqlScope : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly Action? _release;

    public SqlScope(DbConnection connection, DbTransaction transaction, Action? release)
    {
        _connection = connection;
        _transaction = transaction;
        _release = release;
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
            await _connection.DisposeAsync();
        }
        finally
        {
            _release?.Invoke();
        }
    }
}
