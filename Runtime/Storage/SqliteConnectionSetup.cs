using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SampleMind.Runtime.Storage;

/// <summary>
/// Runs a connection's set-up once per physical SQLite connection instead of on every open: a pooled
/// <see cref="SqliteConnection"/> hands back the same native handle, whose settings (busy timeout,
/// synchronous) persist, so re-running them would prepare and step statements per read for nothing.
/// Every connection also gets the settings below, before the caller's PRAGMAs:
/// <list type="bullet">
/// <item>The query planner stability guarantee (<c>SQLITE_DBCONFIG_ENABLE_QPSG</c>). Without it, SQLite (3.53 in
/// SQLitePCLRaw's bundle) plans a <c>LIMIT @n</c> with the bound value and marks the statement expired whenever
/// <c>@n</c> is bound again, so a cached statement is compiled anew at every execution: the work queue's claim
/// statements were, at every claim (in an ingest of samples-dev, the lane query's first step took 260 µs of CPU, 49 µs
/// with the guarantee, and a whole record-and-claim transaction 990 µs, 640 µs with it).</item>
/// <item><c>PRAGMA temp_store = MEMORY</c>: the temporary b-trees of a window function, an <c>IN (SELECT ...)</c> or an
/// unindexed <c>ORDER BY</c> stay in memory. With SQLite's default (a temporary file's pager) each such statement
/// set up and dropped a page cache of its own, and the C allocator gave that memory back to the system and took page
/// faults for it again the next time (raising glibc's trim threshold had the same effect as this setting): the queue's
/// lane query, run in a loop, took 180 µs a run over its first 3,000 runs, and 25 µs with the b-trees in memory. Every
/// such statement here is bounded (a claim's lanes and items, a page of results).</item>
/// </list>
/// Compiled into Runtime and, linked, into Scheduling (which does not reference Runtime).
/// </summary>
internal static class SqliteConnectionSetup
{
    /// <summary><c>SQLITE_DBCONFIG_ENABLE_QPSG</c> from sqlite3.h.</summary>
    internal const int EnableQpsg = 1007;

    private const string CommonPragmas = "PRAGMA temp_store = MEMORY;";

    private static readonly ConditionalWeakTable<sqlite3, string> s_applied = new();

    /// <summary>Runs <paramref name="pragmas"/> on <paramref name="connection"/> unless its handle already ran the same text.</summary>
    public static async Task ApplyOnceAsync(SqliteConnection connection, string pragmas, CancellationToken cancellationToken)
    {
        var handle = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        if (s_applied.TryGetValue(handle, out var applied) && string.Equals(applied, pragmas, StringComparison.Ordinal))
        {
            return;
        }

        var rc = raw.sqlite3_db_config(handle, EnableQpsg, 1, out _);
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite refused the query planner stability guarantee (error {rc}).", rc);
        }

        await using var command = connection.CreateCommand();
        command.CommandText = CommonPragmas + " " + pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        s_applied.AddOrUpdate(handle, pragmas);
    }
}
