using Npgsql;
using NpgsqlTypes;

namespace SampleMind.Grains.Catalog;

/// <summary>The library shards' rows: a batch is one transaction of one round trip; reads go a page at a time.</summary>
public sealed partial class PostgresCatalogStore
{
    private const string UpsertShardEntrySql = """
        INSERT INTO shard_entries (tenant_id, library_id, sample_id, entry) VALUES ($1, $2, $3, $4)
        ON CONFLICT (tenant_id, library_id, sample_id) DO UPDATE SET entry = excluded.entry
        """;

    public async Task UpsertShardEntriesAsync(string tenantId, string libraryId, IReadOnlyCollection<ShardEntry> entries, CancellationToken cancellationToken)
    {
        ShardEntryRows.Validate(entries);
        if (entries.Count == 0)
        {
            return;
        }

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var entry in entries)
        {
            var command = new NpgsqlBatchCommand(UpsertShardEntrySql);
            command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
            command.Parameters.Add(new NpgsqlParameter { Value = libraryId });
            command.Parameters.Add(new NpgsqlParameter { Value = entry.SampleId });
            command.Parameters.Add(new NpgsqlParameter
            {
                NpgsqlDbType = NpgsqlDbType.Bytea,
                Value = (object?)ShardEntryRows.Serialize(entry.Entry) ?? DBNull.Value,
            });
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public IAsyncEnumerable<ShardEntry> ReadShardEntriesAsync(string tenantId, string libraryId, CancellationToken cancellationToken) =>
        ShardEntryRows.StreamAsync((after, token) => ReadShardPageAsync(tenantId, libraryId, after, token), cancellationToken);

    private async Task<List<ShardEntry>> ReadShardPageAsync(string tenantId, string libraryId, string after, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT sample_id, entry FROM shard_entries WHERE tenant_id = $1 AND library_id = $2 AND sample_id > $3
            ORDER BY sample_id LIMIT $4
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = libraryId });
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        command.Parameters.Add(new NpgsqlParameter { Value = ShardEntryRows.PageSize });
        var page = new List<ShardEntry>(ShardEntryRows.PageSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add(new ShardEntry(reader.GetString(0), ShardEntryRows.Deserialize(reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1))));
        }

        return page;
    }
}
