using System.Data.Common;
using Npgsql;

namespace SampleMind.Runtime.Storage;

/// <summary>
/// Creates the Npgsql data sources of the grain storage, the catalogue and the work queue. Unless the
/// connection string says otherwise, statements run often are prepared on the server automatically
/// (<c>Max Auto Prepare</c>): PostgreSQL then skips parsing and planning the queue's claims and
/// completions and the storage's reads and writes on every call. Compiled into Runtime and, linked,
/// into Scheduling and Grains (Scheduling does not reference Runtime; the type stays internal to each).
/// </summary>
internal static class PostgresDataSources
{
    /// <summary>Statements kept prepared per physical connection when the connection string does not set <c>Max Auto Prepare</c>.</summary>
    public const int DefaultMaxAutoPrepare = 64;

    public static NpgsqlDataSource Create(string connectionString) => NpgsqlDataSource.Create(WithDefaults(connectionString));

    /// <summary>
    /// <paramref name="connectionString"/> with <see cref="DefaultMaxAutoPrepare"/> when it does not mention
    /// <c>Max Auto Prepare</c> at all; an explicit value, 0 included (e.g. behind a transaction-mode pooler), stands.
    /// </summary>
    public static string WithDefaults(string connectionString)
    {
        // Npgsql's builder answers ContainsKey for every keyword it knows: look at what was written instead.
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (written.Keys.Cast<string>().Any(k => string.Equals(k.Replace(" ", "", StringComparison.Ordinal), "MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = DefaultMaxAutoPrepare }.ConnectionString;
    }
}
