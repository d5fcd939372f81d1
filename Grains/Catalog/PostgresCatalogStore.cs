using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using SampleMind.Grains.Abstractions;
using SampleMind.Grains.Abstractions.Libraries;
using SampleMind.Grains.Abstractions.Samples;
using SampleMind.Runtime.Storage;

namespace SampleMind.Grains.Catalog;

/// <summary>
/// The catalogue in PostgreSQL (cluster mode): the tables of <see cref="SqliteCatalogStore"/> in the
/// connection's search path, shared by every silo. Ids compare bytewise (COLLATE "C") so pages and
/// cursors order exactly as in SQLite; tag and defect patterns are case-insensitive (ILIKE) like SQLite's LIKE.
/// </summary>
public sealed partial class PostgresCatalogStore(string connectionString) : ICatalogStore, IAsyncDisposable, IDisposable
{
    /// <summary>Advisory lock key that serializes concurrent schema creation by several silos.</summary>
    private const long SchemaLockKey = 0x53_4D_43_41_0001;

    private readonly NpgsqlDataSource _dataSource = PostgresDataSources.Create(connectionString);

    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@k)", connection, transaction))
        {
            command.Parameters.AddWithValue("k", SchemaLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var command = new NpgsqlCommand("""
            CREATE TABLE IF NOT EXISTS catalog_samples (
                tenant_id text COLLATE "C" NOT NULL, library_id text COLLATE "C" NOT NULL, sample_id text COLLATE "C" NOT NULL,
                relative_path text NOT NULL, duration double precision NOT NULL, bpm double precision, musical_key text, camelot text,
                type text NOT NULL, lufs double precision, tags text NOT NULL, defects text NOT NULL, summary text NOT NULL,
                duplicate_of text COLLATE "C",
                PRIMARY KEY (tenant_id, library_id, sample_id));
            CREATE TABLE IF NOT EXISTS catalog_content (
                tenant_id text COLLATE "C" NOT NULL, library_id text COLLATE "C" NOT NULL, content_sha256 text COLLATE "C" NOT NULL,
                sample_id text COLLATE "C" NOT NULL,
                PRIMARY KEY (tenant_id, library_id, content_sha256));
            CREATE TABLE IF NOT EXISTS shard_entries (
                tenant_id text COLLATE "C" NOT NULL, library_id text COLLATE "C" NOT NULL, sample_id text COLLATE "C" NOT NULL,
                entry bytea,
                PRIMARY KEY (tenant_id, library_id, sample_id));
            """, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var command = new NpgsqlCommand(CatalogSchema.PostgresAddDuplicateOf + CatalogSchema.Indexes, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<string> ClaimContentAsync(string tenantId, string libraryId, string contentSha256, string sampleId, CancellationToken cancellationToken)
    {
        // Two statements: under READ COMMITTED the SELECT takes a fresh snapshot, so it sees the row of a
        // concurrent claim that won the insert (a single CTE statement would not).
        await using var batch = _dataSource.CreateBatch();
        var insert = new NpgsqlBatchCommand("""
            INSERT INTO catalog_content (tenant_id, library_id, content_sha256, sample_id) VALUES ($1, $2, $3, $4)
                ON CONFLICT DO NOTHING
            """);
        insert.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        insert.Parameters.Add(new NpgsqlParameter { Value = libraryId });
        insert.Parameters.Add(new NpgsqlParameter { Value = contentSha256 });
        insert.Parameters.Add(new NpgsqlParameter { Value = sampleId });
        var select = new NpgsqlBatchCommand(
            "SELECT sample_id FROM catalog_content WHERE tenant_id = $1 AND library_id = $2 AND content_sha256 = $3");
        select.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        select.Parameters.Add(new NpgsqlParameter { Value = libraryId });
        select.Parameters.Add(new NpgsqlParameter { Value = contentSha256 });
        batch.BatchCommands.Add(insert);
        batch.BatchCommands.Add(select);
        return (string)(await batch.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task UpsertAsync(string tenantId, SampleSummary summary, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            INSERT INTO catalog_samples
                (tenant_id, library_id, sample_id, relative_path, duration, bpm, musical_key, camelot, type, lufs, tags, defects, summary, duplicate_of)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            ON CONFLICT (tenant_id, library_id, sample_id) DO UPDATE SET
                relative_path = excluded.relative_path, duration = excluded.duration, bpm = excluded.bpm,
                musical_key = excluded.musical_key, camelot = excluded.camelot, type = excluded.type, lufs = excluded.lufs,
                tags = excluded.tags, defects = excluded.defects, summary = excluded.summary, duplicate_of = excluded.duplicate_of
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = summary.LibraryId });
        command.Parameters.Add(new NpgsqlParameter { Value = summary.SampleId });
        command.Parameters.Add(new NpgsqlParameter { Value = summary.RelativePath });
        command.Parameters.Add(new NpgsqlParameter { Value = summary.DurationSeconds });
        command.Parameters.Add(Nullable(summary.Bpm));
        command.Parameters.Add(Nullable(summary.Key));
        command.Parameters.Add(Nullable(summary.Camelot));
        command.Parameters.Add(new NpgsqlParameter { Value = summary.Type });
        command.Parameters.Add(Nullable(summary.Lufs));
        command.Parameters.Add(new NpgsqlParameter { Value = Delimited(summary.Tags) });
        command.Parameters.Add(new NpgsqlParameter { Value = Delimited(summary.Defects) });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(summary, GrainsJsonContext.Default.SampleSummary) });
        command.Parameters.Add(Nullable(summary.DuplicateOf));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<SamplePage> QueryAsync(
        string tenantId, string libraryId, SampleQuery query, IReadOnlyCollection<string>? camelotCodes, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await CatalogFilterSql.QueryPageAsync(connection, tenantId, libraryId, query, camelotCodes, like: "ILIKE", cancellationToken);
    }

    public async Task<long> CountAsync(string tenantId, string libraryId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT COUNT(*) FROM catalog_samples WHERE tenant_id = $1 AND library_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = libraryId });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<LibrarySummary>> ListLibrariesAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(CatalogOverviewSql.Libraries);
        CatalogOverviewSql.AddParameters(command, tenantId);
        return await CatalogOverviewSql.ReadLibrariesAsync(command, cancellationToken);
    }

    public async Task<LibraryOverview?> DescribeLibraryAsync(string tenantId, string libraryId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot for both statements: the totals and the groups agree while an ingest writes.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await using var totals = new NpgsqlCommand(CatalogOverviewSql.Totals, connection, transaction);
        CatalogOverviewSql.AddParameters(totals, tenantId, libraryId);
        await using var groups = new NpgsqlCommand(CatalogOverviewSql.Groups, connection, transaction);
        CatalogOverviewSql.AddParameters(groups, tenantId, libraryId);
        return await CatalogOverviewSql.ReadOverviewAsync(libraryId, totals, groups, cancellationToken);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();

    /// <summary>Tags stored as ",a,b," so "has tag x" is an ILIKE '%,x,%' test.</summary>
    private static string Delimited(IReadOnlyList<string> values) =>
        values.Count == 0 ? "," : "," + string.Join(',', values) + ",";

    private static NpgsqlParameter Nullable(double? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Double, Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Nullable(string? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };
}
