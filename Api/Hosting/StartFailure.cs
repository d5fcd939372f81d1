using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace SampleMind.Api;

/// <summary>What stopped the host from starting, as the operator reads it: every failed option, then the causes.</summary>
internal static partial class StartFailure
{
    /// <summary>SQLITE_CORRUPT: the database disk image is malformed.</summary>
    public const int SqliteCorrupt = 11;

    /// <summary>SQLITE_NOTADB: the file is not a database.</summary>
    public const int SqliteNotADatabase = 26;

    /// <summary>A SQLite file of the data directory that cannot be read, and what the operator can do.</summary>
    public static string DamagedDatabase(Exception error, string? dataDirectory) =>
        $"a database file in the data directory ({dataDirectory ?? "./data"}: samplemind.db, work.db, catalog.db or " +
        $"reminders.db) is damaged: {error.Message} Restore the data directory from a backup, or move the damaged file " +
        "away to start without what it held.";

    /// <summary>
    /// PostgreSQL could not be used at start (not reachable, the login refused), in one line with its causes, naming the
    /// settings that give it; Npgsql's messages name the host and port, never the password.
    /// </summary>
    public static string PostgresFailed(Exception error)
    {
        var causes = new List<string>();
        for (var e = error; e is not null; e = e.InnerException)
        {
            causes.Add(e.Message.TrimEnd('.'));
        }

        return $"PostgreSQL cannot be used: {string.Join(": ", causes.Distinct(StringComparer.Ordinal))}. Check Cluster:Postgres " +
               "(and Catalog:ConnectionString or WorkQueue:ConnectionString where set) and that the server is up.";
    }

    public static string Describe(Exception error)
    {
        var lines = new List<string>();
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is OptionsValidationException validation)
            {
                lines.AddRange(validation.Failures.Select(Redact));
            }
            else if (!lines.Contains(Redact(e.Message), StringComparer.Ordinal))
            {
                lines.Add(Redact(e.Message));
            }
        }

        return string.Join(Environment.NewLine + "  ", lines);
    }

    /// <summary>
    /// <paramref name="message"/> without credentials: a URL's user information (<c>https://user:pw@host</c>) and a
    /// connection string's password. The binder quotes a value it cannot convert whole ("Failed to convert configuration
    /// value 'https://user:pw@host:4318x/...'"), and the line goes to stderr and the log.
    /// </summary>
    public static string Redact(string message) =>
        ConnectionPassword().Replace(UrlCredentials().Replace(message, "$1***@"), "$1=***");

    [GeneratedRegex(@"\b([a-z][a-z0-9+.-]*://)[^/\s'""@]*@", RegexOptions.IgnoreCase)]
    private static partial Regex UrlCredentials();

    [GeneratedRegex(@"\b(password|pwd)\s*=\s*[^;'""\s]*", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionPassword();
}
