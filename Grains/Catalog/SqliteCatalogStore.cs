using System.Text.Json;
using Microsoft.Data.Sqlite;
using SampleMind.Grains.Abstractions;
using SampleMind.Grains.Abstractions.Libraries;
using SampleMind.Grains.Abstractions.Samples;
using SampleMind.Runtime.Storage;

namespace SampleMind.Grains.Catalog;

/// <summary>
/// The catalogue in a SQLite file (embedded mode), WAL journal. Claims and upserts go through the file's
/// <see cref="SqliteGroupCommit"/> writer, so concurrent ones commit together; reads use pooled connections.
/// </summary>
public sealed partial class SqliteCatalogStore : ICatalogStore, IAsyncDisposable, IDisposable
{
    private readonly string _databasePath;
    private readonly string _connectionString;
    private readonly SqliteGroupCommit _writer;

    /// <summary>
    /// The catalogue in <paramref name="pathOrConnectionString"/>, a file path or a connection string
    /// ("Data Source=...", as the work queue takes), created by <see cref="EnsureSchemaAsync"/>.
    /// </summary>
    public SqliteCatalogStore(string pathOrConnectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathOrConnectionString);
        var builder = pathOrConnectionString.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(pathOrConnectionString)
            : new SqliteConnectionStringBuilder { DataSource = pathOrConnectionString };
        builder.Pooling = true;
        builder.DefaultTimeout = 30;
        _databasePath = builder.DataSource;
        _connectionString = builder.ToString();
        _writer = SqliteGroupCommit.Open(_connectionString);
    }

    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_databasePath))!);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS catalog_samples (
                tenant_id TEXT NOT NULL, library_id TEXT NOT NULL, sample_id TEXT NOT NULL,
                relative_path TEXT NOT NULL, duration REAL NOT NULL, bpm REAL, musical_key TEXT, camelot TEXT,
                type TEXT NOT NULL, lufs REAL, tags TEXT NOT NULL, defects TEXT NOT NULL, summary TEXT NOT NULL, duplicate_of TEXT,
                PRIMARY KEY (tenant_id, library_id, sample_id));
            CREATE TABLE IF NOT EXISTS catalog_content (
                tenant_id TEXT NOT NULL, library_id TEXT NOT NULL, content_sha256 TEXT NOT NULL, sample_id TEXT NOT NULL,
                PRIMARY KEY (tenant_id, library_id, content_sha256));
            CREATE TABLE IF NOT EXISTS shard_entries (
                tenant_id TEXT NOT NULL, library_id TEXT NOT NULL, sample_id TEXT NOT NULL, entry BLOB,
                PRIMARY KEY (tenant_id, library_id, sample_id));
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);

        command.CommandText = CatalogSchema.SqliteHasDuplicateOf;
        if ((long)(await command.ExecuteScalarAsync(cancellationToken))! == 0)
        {
            command.CommandText = CatalogSchema.SqliteAddDuplicateOf;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        command.CommandText = CatalogSchema.Indexes;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<string> ClaimContentAsync(string tenantId, string libraryId, string contentSha256, string sampleId, CancellationToken cancellationToken) =>
        _writer.WriteAsync(new ContentClaim(tenantId, libraryId, contentSha256, sampleId), static (scope, claim) => Claim(scope, claim), cancellationToken);

    public Task UpsertAsync(string tenantId, SampleSummary summary, CancellationToken cancellationToken)
    {
        var row = new SampleRow(tenantId, summary, Delimited(summary.Tags), Delimited(summary.Defects),
            JsonSerializer.Serialize(summary, GrainsJsonContext.Default.SampleSummary));
        return _writer.WriteAsync(row, static (scope, r) => Upsert(scope, r), cancellationToken);
    }

    public async Task<SamplePage> QueryAsync(
        string tenantId, string libraryId, SampleQuery query, IReadOnlyCollection<string>? camelotCodes, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await CatalogFilterSql.QueryPageAsync(connection, tenantId, libraryId, query, camelotCodes, like: "LIKE", cancellationToken);
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

    public async Task<IReadOnlyList<LibrarySummary>> ListLibrariesAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = CatalogOverviewSql.Libraries;
        CatalogOverviewSql.AddParameters(command, tenantId);
        return await CatalogOverviewSql.ReadLibrariesAsync(command, cancellationToken);
    }

    public async Task<LibraryOverview?> DescribeLibraryAsync(string tenantId, string libraryId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        // A deferred transaction reads one snapshot of the WAL: the totals and the groups agree while an ingest writes.
        await using var transaction = connection.BeginTransaction(deferred: true);
        await using var totals = connection.CreateCommand();
        totals.Transaction = transaction;
        totals.CommandText = CatalogOverviewSql.Totals;
        CatalogOverviewSql.AddParameters(totals, tenantId, libraryId);
        await using var groups = connection.CreateCommand();
        groups.Transaction = transaction;
        groups.CommandText = CatalogOverviewSql.Groups;
        CatalogOverviewSql.AddParameters(groups, tenantId, libraryId);
        return await CatalogOverviewSql.ReadOverviewAsync(libraryId, totals, groups, cancellationToken);
    }

    /// <summary>Tags stored as ",a,b," so "has tag x" is a LIKE '%,x,%' test.</summary>
    private static string Delimited(IReadOnlyList<string> values) =>
        values.Count == 0 ? "," : "," + string.Join(',', values) + ",";

    /// <summary>Drains the writer (committing what was submitted) and closes its connection.</summary>
    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    /// <summary>As <see cref="DisposeAsync"/>, blocking until the writer has drained.</summary>
    public void Dispose() => _writer.Dispose();

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) =>
        SqliteConnections.OpenAsync(_connectionString, cancellationToken);
}
