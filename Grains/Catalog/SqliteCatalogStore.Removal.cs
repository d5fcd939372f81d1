using SampleMind.Grains.Abstractions.Samples;
using SampleMind.Runtime.Storage;

namespace SampleMind.Grains.Catalog;

/// <summary>A sample's removal from the catalogue: its rows and its content claim, in one write of the group-commit writer.</summary>
public sealed partial class SqliteCatalogStore
{
    // The claim is dropped (no successor) before it is handed on, so the UPDATE never sets a NULL owner.
    private const string RemoveSampleSql = """
        DELETE FROM catalog_samples WHERE tenant_id = $t AND library_id = $l AND sample_id = $s;
        DELETE FROM shard_entries WHERE tenant_id = $t AND library_id = $l AND sample_id = $s;
        DELETE FROM catalog_content WHERE tenant_id = $t AND library_id = $l AND content_sha256 = $h AND sample_id = $s AND $n IS NULL;
        UPDATE catalog_content SET sample_id = $n WHERE tenant_id = $t AND library_id = $l AND content_sha256 = $h AND sample_id = $s;
        """;

    public async Task<IReadOnlyList<string>> ListCopiesOfAsync(string tenantId, string libraryId, string sampleId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT sample_id FROM catalog_samples WHERE tenant_id = $t AND library_id = $l AND duplicate_of = $s
            ORDER BY sample_id
            """;
        command.Parameters.AddWithValue("$t", tenantId);
        command.Parameters.AddWithValue("$l", libraryId);
        command.Parameters.AddWithValue("$s", sampleId);
        var copies = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            copies.Add(reader.GetString(0));
        }

        return copies;
    }

    public Task RemoveSampleAsync(
        string tenantId, string libraryId, string sampleId, string contentSha256, string? successor, CancellationToken cancellationToken) =>
        _writer.WriteAsync(new SampleRemoval(tenantId, libraryId, sampleId, contentSha256, successor), static (scope, removal) => Remove(scope, removal), cancellationToken);

    public Task RemoveSamplesAsync(string tenantId, string libraryId, IReadOnlyCollection<SampleSummary> samples, CancellationToken cancellationToken) =>
        samples.Count == 0
            ? Task.CompletedTask
            : _writer.WriteAsync(
                new SamplesRemoval(tenantId, libraryId, [.. samples.Select(s => (s.SampleId, s.ContentSha256))]),
                static (scope, removal) => RemoveAll(scope, removal),
                cancellationToken);

    private static bool RemoveAll(SqliteWriteScope scope, SamplesRemoval removal)
    {
        // Each row by its primary key (a claim by its content hash: it has no index by sample).
        foreach (var (sampleId, contentSha256) in removal.Samples)
        {
            var command = scope.Command(RemoveSampleSql);
            command.Parameters.AddWithValue("$t", removal.TenantId);
            command.Parameters.AddWithValue("$l", removal.LibraryId);
            command.Parameters.AddWithValue("$s", sampleId);
            command.Parameters.AddWithValue("$h", contentSha256);
            command.Parameters.AddWithValue("$n", DBNull.Value);
            command.ExecuteNonQuery();
        }

        return true;
    }

    private static bool Remove(SqliteWriteScope scope, SampleRemoval removal)
    {
        var command = scope.Command(RemoveSampleSql);
        command.Parameters.AddWithValue("$t", removal.TenantId);
        command.Parameters.AddWithValue("$l", removal.LibraryId);
        command.Parameters.AddWithValue("$s", removal.SampleId);
        command.Parameters.AddWithValue("$h", removal.ContentSha256);
        command.Parameters.AddWithValue("$n", (object?)removal.Successor ?? DBNull.Value);
        command.ExecuteNonQuery();
        return true;
    }

    /// <summary>Samples of a library being deleted, for the writer.</summary>
    private sealed record SamplesRemoval(string TenantId, string LibraryId, (string SampleId, string ContentSha256)[] Samples);

    /// <summary>A sample's removal, for the writer.</summary>
    private sealed record SampleRemoval(string TenantId, string LibraryId, string SampleId, string ContentSha256, string? Successor);
}
