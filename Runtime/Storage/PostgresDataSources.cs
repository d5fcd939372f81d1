using System.Data.Common;
using Npgsql;

namespace SampleMind.Runtime.Storage;

/// <summary>
/// Creates the Npgsql data sources of the grain storage, the catalogue and the work queue, with two
/// defaults that a connection string may override by naming the setting:
/// <list type="bullet">
/// <item><c>Max Auto Prepare</c> = <see cref="DefaultMaxAutoPrepare"/>: statements run often are prepared on the
/// server, so PostgreSQL skips parsing and planning the queue's claims and completions and the storage's
/// reads and writes on every call.</item>
/// <item><c>No Reset On Close</c> = true: these stores leave no session state on a connection (no SET, no
/// session advisory locks, no temporary tables or cursors; the queue's LISTEN keeps its connection until the
/// queue stops or the connection breaks), so the five reset statements Npgsql would otherwise send at each
/// return to the pool (six returns per ingested file) are not needed.</item>
/// </list>
/// A lost connection needs no code here: when a statement finds its backend gone (PostgreSQL restarted, 57P01, a closed
/// stream), Npgsql breaks that connection and clears the data source's pool, so the pool's other dead connections fail
/// no later statement (docs/cluster.md; <c>PostgresDataSourcesTests</c> checks it on a real server).
/// Compiled into Runtime and, linked, into Scheduling and Grains (Scheduling does not reference Runtime; the
/// type stays internal to each).
/// </summary>
internal static class PostgresDataSources
{
    /// <summary>Statements kept prepared per physical connection when the connection string does not set <c>Max Auto Prepare</c>.</summary>
    public const int DefaultMaxAutoPrepare = 64;

    public static NpgsqlDataSource Create(string connectionString) => NpgsqlDataSource.Create(WithDefaults(connectionString));

    /// <summary>
    /// What is wrong with <paramref name="connectionString"/> (not empty) as the setting that gives it reads it, or null:
    /// a URL, a malformed string, a keyword Npgsql does not know, a value it cannot take, no Host. Never the string itself,
    /// so no password: where this was found by the first connection, Npgsql said "Couldn't set passwrd" or "Value cannot be
    /// null. (Parameter 'Host')" and no setting.
    /// </summary>
    public static string? Problem(string connectionString)
    {
        if (connectionString.TrimStart().StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || connectionString.TrimStart().StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return "is a URL (postgres://...), which Npgsql does not take: give keywords, " + KeywordsExample;
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e) when (e.ParamName is { Length: > 0 } keyword && e.InnerException is { } inner)
        {
            return inner is KeyNotFoundException || inner.Message.StartsWith("Keyword not supported", StringComparison.Ordinal)
                ? $"has the keyword '{keyword}', which Npgsql does not know: " + KeywordsExample
                : $"has a value of '{keyword}' that Npgsql does not take ({inner.Message.TrimEnd('.')})";
        }
        catch (ArgumentException e)
        {
            return $"is not a connection string of keywords ({e.Message.TrimEnd('.')}): " + KeywordsExample;
        }

        return string.IsNullOrWhiteSpace(builder.Host) ? "names no Host: " + KeywordsExample : null;
    }

    private const string KeywordsExample = "Host=db;Port=5432;Username=samplemind;Password=...;Database=samplemind";

    /// <summary>
    /// <paramref name="connectionString"/> with the defaults above for the settings it does not name; an explicit
    /// value stands (e.g. <c>Max Auto Prepare=0</c> behind a transaction-mode pooler).
    /// </summary>
    public static string WithDefaults(string connectionString)
    {
        // Npgsql's builder answers ContainsKey for every keyword it knows: look at what was written instead.
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!written.Contains("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        if (!written.Contains("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }
}
