using SampleMind.Runtime.Storage;

namespace SampleMind.Grains.Catalog;

/// <summary>The library shards' rows: batches through the group-commit writer, reads a page at a time.</summary>
public sealed partial class SqliteCatalogStore
{
    private const string UpsertShardEntrySql = """
        INSERT OR REPLACE INTO shard_entries (tenant_id, library_id, sample_id, entry) VALUES ($t, $l, $s, $e);
        """;

    public Task UpsertShardEntriesAsync(string tenantId, string libraryId, IReadOnlyCollection<ShardEntry> entries, CancellationToken cancellationToken)
    {
        ShardEntryRows.Validate(entries);
        if (entries.Count == 0)
        {
            return Task.CompletedTask;
        }

        // Serialised here, so the writer loop only runs statements.
        var rows = new ShardRows(tenantId, libraryId, [.. entries.Select(e => new ShardRow(e.SampleId, ShardEntryRows.Serialize(e.Entry)))]);
        return _writer.WriteAsync(rows, static (scope, r) => UpsertShardEntries(scope, r), cancellationToken);
    }

    public IAsyncEnumerable<ShardEntry> ReadShardEntriesAsync(string tenantId, string libraryId, CancellationToken cancellationToken) =>
        ShardEntryRows.StreamAsync((after, token) => ReadShardPageAsync(tenantId, libraryId, after, token), cancellationToken);

    private async Task<List<ShardEntry>> ReadShardPageAsync(string tenantId, string libraryId, string after, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT sample_id, entry FROM shard_entries WHERE tenant_id = $t AND library_id = $l AND sample_id > $a
            ORDER BY sample_id LIMIT $n
            """;
        command.Parameters.AddWithValue("$t", tenantId);
        command.Parameters.AddWithValue("$l", libraryId);
        command.Parameters.AddWithValue("$a", after);
        command.Parameters.AddWithValue("$n", ShardEntryRows.PageSize);
        var page = new List<ShardEntry>(ShardEntryRows.PageSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add(new ShardEntry(reader.GetString(0), ShardEntryRows.Deserialize(reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1))));
        }

        return page;
    }

    private static bool UpsertShardEntries(SqliteWriteScope scope, ShardRows rows)
    {
        foreach (var row in rows.Entries)
        {
            var command = scope.Command(UpsertShardEntrySql);
            command.Parameters.AddWithValue("$t", rows.TenantId);
            command.Parameters.AddWithValue("$l", rows.LibraryId);
            command.Parameters.AddWithValue("$s", row.SampleId);
            command.Parameters.AddWithValue("$e", (object?)row.Json ?? DBNull.Value);
            command.ExecuteNonQuery();
        }

        return true;
    }

    /// <summary>A batch of shard rows, serialised before it reaches the writer.</summary>
    private sealed record ShardRows(string TenantId, string LibraryId, ShardRow[] Entries);

    /// <summary>One shard row: the sample id and its entry's JSON (null: nothing to index).</summary>
    private sealed record ShardRow(string SampleId, byte[]? Json);
}
