using Microsoft.Data.Sqlite;

namespace SampleMind.Runtime.Storage;

/// <summary>
/// Opens SQLite connections that wait for a busy database inside SQLite (<c>PRAGMA busy_timeout</c>).
/// Without it, a write that meets another connection's write lock fails at once with SQLITE_BUSY and
/// Microsoft.Data.Sqlite retries it after <c>Thread.Sleep(150)</c>, blocking a thread-pool thread for
/// 150 ms per collision; with it, SQLite retries within the lock holder's microseconds. The PRAGMAs run
/// once per physical connection (<see cref="SqliteConnectionSetup"/>), not at every pooled open.
/// </summary>
public static class SqliteConnections
{
    /// <summary>How long a statement waits for another connection's lock before failing, in milliseconds (30 s, the commands' timeout).</summary>
    public const int BusyTimeoutMilliseconds = 30_000;

    private static readonly string s_pragmas = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL;";

    /// <summary>Opens a connection to <paramref name="connectionString"/> with <see cref="BusyTimeoutMilliseconds"/> set.</summary>
    public static async Task<SqliteConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await SqliteConnectionSetup.ApplyOnceAsync(connection, s_pragmas, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
