using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SampleMind.Runtime.Storage;

/// <summary>
/// Runs a connection's set-up PRAGMAs once per physical SQLite connection instead of on every open: a
/// pooled <see cref="SqliteConnection"/> hands back the same native handle, whose settings (busy timeout,
/// synchronous) persist, so re-running them would prepare and step two statements per read for nothing.
/// Compiled into Runtime and, linked, into Scheduling (which does not reference Runtime).
/// </summary>
internal static class SqliteConnectionSetup
{
    private static readonly ConditionalWeakTable<sqlite3, string> s_applied = new();

    /// <summary>Runs <paramref name="pragmas"/> on <paramref name="connection"/> unless its handle already ran the same text.</summary>
    public static async Task ApplyOnceAsync(SqliteConnection connection, string pragmas, CancellationToken cancellationToken)
    {
        var handle = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        if (s_applied.TryGetValue(handle, out var applied) && string.Equals(applied, pragmas, StringComparison.Ordinal))
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        s_applied.AddOrUpdate(handle, pragmas);
    }
}
