using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SampleMind.Grains.Abstractions;
using SampleMind.Grains.Abstractions.Libraries;
using SampleMind.Grains.Abstractions.Samples;
using SampleMind.Runtime.Storage;

namespace SampleMind.Grains.Catalog;

/// <summary>The catalogue in a SQLite file (embedded mode), WAL journal, one connection per call.</summary>
public sealed class SqliteCatalogStore(string databasePath) : ICatalogStore
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS catalog_samples (
                tenant_id TEXT NOT NULL, library_id TEXT NOT NULL, sample_id TEXT NOT NULL,
                relative_path TEXT NOT NULL, duration REAL NOT NULL, bpm REAL, musical_key TEXT, camelot TEXT,
                type TEXT NOT NULL, lufs REAL, tags TEXT NOT NULL, defects TEXT NOT NULL, summary TEXT NOT NULL,
                PRIMARY KEY (tenant_id, library_id, sample_id));
            CREATE TABLE IF NOT EXISTS catalog_content (
                tenant_id TEXT NOT NULL, library_id TEXT NOT NULL, content_sha256 TEXT NOT NULL, sample_id TEXT NOT NULL,
                PRIMARY KEY (tenant_id, library_id, content_sha256));
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<string> ClaimContentAsync(string tenantId, string libraryId, string contentSha256, string sampleId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO catalog_content (tenant_id, library_id, content_sha256, sample_id) VALUES ($t, $l, $h, $s)
                ON CONFLICT DO NOTHING;
            SELECT sample_id FROM catalog_content WHERE tenant_id = $t AND library_id = $l AND content_sha256 = $h;
            """;
        command.Parameters.AddWithValue("$t", tenantId);
        command.Parameters.AddWithValue("$l", libraryId);
        command.Parameters.AddWithValue("$h", contentSha256);
        command.Parameters.AddWithValue("$s", sampleId);
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task UpsertAsync(string tenantId, SampleSummary summary, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR REPLACE INTO catalog_samples
                (tenant_id, library_id, sample_id, relative_path, duration, bpm, musical_key, camelot, type, lufs, tags, defects, summary)
            VALUES ($t, $l, $s, $p, $d, $b, $k, $c, $ty, $lu, $tags, $def, $sum);
            """;
        command.Parameters.AddWithValue("$t", tenantId);
        command.Parameters.AddWithValue("$l", summary.LibraryId);
        command.Parameters.AddWithValue("$s", summary.SampleId);
        command.Parameters.AddWithValue("$p", summary.RelativePath);
        command.Parameters.AddWithValue("$d", summary.DurationSeconds);
        command.Parameters.AddWithValue("$b", (object?)summary.Bpm ?? DBNull.Value);
        command.Parameters.AddWithValue("$k", (object?)summary.Key ?? DBNull.Value);
        command.Parameters.AddWithValue("$c", (object?)summary.Camelot ?? DBNull.Value);
        command.Parameters.AddWithValue("$ty", summary.Type);
        command.Parameters.AddWithValue("$lu", (object?)summary.Lufs ?? DBNull.Value);
        command.Parameters.AddWithValue("$tags", Delimited(summary.Tags));
        command.Parameters.AddWithValue("$def", Delimited(summary.Defects));
        command.Parameters.AddWithValue("$sum", JsonSerializer.Serialize(summary, GrainsJsonContext.Default.SampleSummary));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<SamplePage> QueryAsync(
        string tenantId, string libraryId, SampleQuery query, IReadOnlyCollection<string>? camelotCodes, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder("SELECT summary FROM catalog_samples WHERE tenant_id = $t AND library_id = $l");
        command.Parameters.AddWithValue("$t", tenantId);
        command.Parameters.AddWithValue("$l", libraryId);
        CatalogFilterSql.Append(sql, command, query, camelotCodes);
        var limit = Math.Clamp(query.Limit, 1, 1000);
        sql.Append(CultureInfo.InvariantCulture, $" ORDER BY sample_id LIMIT {limit + 1}");
        command.CommandText = sql.ToString();

        var items = new List<SampleSummary>(limit);
        string? next = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (items.Count == limit)
            {
                next = items[^1].SampleId;
                break;
            }

            items.Add(JsonSerializer.Deserialize(reader.GetString(0), GrainsJsonContext.Default.SampleSummary)!);
        }

        return new SamplePage(items, next);
    }

    public async Task<long> CountAsync(string tenantId, string libraryId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM catalog_samples WHERE tenant_id = $t AND library_id = $l";
        command.Parameters.AddWithValue("$t", tenantId);
        command.Parameters.AddWithValue("$l", libraryId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Tags stored as ",a,b," so "has tag x" is a LIKE '%,x,%' test.</summary>
    private static string Delimited(IReadOnlyList<string> values) =>
        values.Count == 0 ? "," : "," + string.Join(',', values) + ",";

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) =>
        SqliteConnections.OpenAsync(_connectionString, cancellationToken);
}
