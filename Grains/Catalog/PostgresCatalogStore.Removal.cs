using Npgsql;
using SampleMind.Grains.Abstractions.Samples;

namespace SampleMind.Grains.Catalog;

/// <summary>A sample's removal from the catalogue: its rows and its content claim, one transaction of one round trip.</summary>
public sealed partial class PostgresCatalogStore
{
    public async Task<IReadOnlyList<string>> ListCopiesOfAsync(string tenantId, string libraryId, string sampleId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT sample_id FROM catalog_samples WHERE tenant_id = $1 AND library_id = $2 AND duplicate_of = $3
            ORDER BY sample_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = libraryId });
        command.Parameters.Add(new NpgsqlParameter { Value = sampleId });
        var copies = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            copies.Add(reader.GetString(0));
        }

        return copies;
    }

    public async Task RemoveSamplesAsync(string tenantId, string libraryId, IReadOnlyCollection<SampleSummary> samples, CancellationToken cancellationToken)
    {
        if (samples.Count == 0)
        {
            return;
        }

        var ids = samples.Select(s => s.SampleId).ToArray();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var table in new[] { "catalog_samples", "shard_entries" })
        {
            batch.BatchCommands.Add(Command($"DELETE FROM {table} WHERE tenant_id = $1 AND library_id = $2 AND sample_id = ANY($3)", ids));
        }

        // A claim by its content hash (its primary key): claims have no index by sample.
        batch.BatchCommands.Add(Command(
            "DELETE FROM catalog_content WHERE tenant_id = $1 AND library_id = $2 AND sample_id = ANY($3) AND content_sha256 = ANY($4)",
            ids, [.. samples.Select(s => s.ContentSha256)]));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        NpgsqlBatchCommand Command(string sql, params string[][] arrays)
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
            command.Parameters.Add(new NpgsqlParameter { Value = libraryId });
            foreach (var array in arrays)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = array });
            }

            return command;
        }
    }

    public async Task RemoveSampleAsync(
        string tenantId, string libraryId, string sampleId, string contentSha256, string? successor, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        Add("DELETE FROM catalog_samples WHERE tenant_id = $1 AND library_id = $2 AND sample_id = $3");
        Add("DELETE FROM shard_entries WHERE tenant_id = $1 AND library_id = $2 AND sample_id = $3");
        // The content claim, when this sample holds it: dropped, or handed to the successor.
        if (successor is null)
        {
            Add("DELETE FROM catalog_content WHERE tenant_id = $1 AND library_id = $2 AND sample_id = $3 AND content_sha256 = $4", contentSha256);
        }
        else
        {
            Add("UPDATE catalog_content SET sample_id = $5 WHERE tenant_id = $1 AND library_id = $2 AND sample_id = $3 AND content_sha256 = $4",
                contentSha256, successor);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        void Add(string sql, params string[] more)
        {
            var command = new NpgsqlBatchCommand(sql);
            foreach (var value in (string[])[tenantId, libraryId, sampleId, .. more])
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            batch.BatchCommands.Add(command);
        }
    }
}
