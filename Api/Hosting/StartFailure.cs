using Microsoft.Extensions.Options;

namespace SampleMind.Api;

/// <summary>What stopped the host from starting, as the operator reads it: every failed option, then the causes.</summary>
internal static class StartFailure
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

    public static string Describe(Exception error)
    {
        var lines = new List<string>();
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is OptionsValidationException validation)
            {
                lines.AddRange(validation.Failures);
            }
            else if (!lines.Contains(e.Message, StringComparer.Ordinal))
            {
                lines.Add(e.Message);
            }
        }

        return string.Join(Environment.NewLine + "  ", lines);
    }
}
