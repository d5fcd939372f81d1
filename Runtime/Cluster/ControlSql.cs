using Npgsql;

namespace SampleMind.Runtime.Cluster;

/// <summary>
/// Runs control-plane statements either asynchronously or synchronously. The membership and lease
/// loop runs on its own thread with <c>async: false</c>: every call then completes before it
/// returns, with blocking socket I/O that never waits for a thread-pool thread, so a silo whose pool
/// is saturated by grain work still heartbeats and renews on time.
/// </summary>
internal static class ControlSql
{
    public static async ValueTask<int> ExecuteAsync(NpgsqlCommand command, bool async, CancellationToken cancellationToken) =>
        async ? await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) : command.ExecuteNonQuery();

    public static async ValueTask<int> ExecuteAsync(NpgsqlBatch batch, bool async, CancellationToken cancellationToken) =>
        async ? await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) : batch.ExecuteNonQuery();

    public static async ValueTask<List<T>> ReadAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> row, bool async, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        if (!async)
        {
            using var syncReader = command.ExecuteReader();
            while (syncReader.Read())
            {
                rows.Add(row(syncReader));
            }

            return rows;
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row(reader));
        }

        return rows;
    }

    /// <summary>Completes a call made with <c>async: false</c> (it never truly awaits).</summary>
    public static T Sync<T>(ValueTask<T> pending) =>
        pending.IsCompleted ? pending.GetAwaiter().GetResult() : throw new InvalidOperationException("A synchronous control-plane call went asynchronous.");

    /// <inheritdoc cref="Sync{T}(ValueTask{T})"/>
    public static void Sync(ValueTask pending)
    {
        if (!pending.IsCompleted)
        {
            throw new InvalidOperationException("A synchronous control-plane call went asynchronous.");
        }

        pending.GetAwaiter().GetResult();
    }
}
