using SampleMind.Grains.Abstractions.Samples;
using SampleMind.Runtime.Storage;

namespace SampleMind.Grains.Catalog;

/// <summary>The catalogue's writes, run on the file's group-commit writer.</summary>
public sealed partial class SqliteCatalogStore
{
    private const string ClaimSql = """
        INSERT INTO catalog_content (tenant_id, library_id, content_sha256, sample_id) VALUES ($t, $l, $h, $s)
            ON CONFLICT DO NOTHING;
        SELECT sample_id FROM catalog_content WHERE tenant_id = $t AND library_id = $l AND content_sha256 = $h;
        """;

    private const string UpsertSql = """
        INSERT OR REPLACE INTO catalog_samples
            (tenant_id, library_id, sample_id, relative_path, duration, bpm, musical_key, camelot, type, lufs, tags, defects, summary, duplicate_of)
        VALUES ($t, $l, $s, $p, $d, $b, $k, $c, $ty, $lu, $tags, $def, $sum, $dup);
        """;

    private static string Claim(SqliteWriteScope scope, ContentClaim claim)
    {
        var command = scope.Command(ClaimSql);
        command.Parameters.AddWithValue("$t", claim.TenantId);
        command.Parameters.AddWithValue("$l", claim.LibraryId);
        command.Parameters.AddWithValue("$h", claim.ContentSha256);
        command.Parameters.AddWithValue("$s", claim.SampleId);
        return (string)command.ExecuteScalar()!;
    }

    private static bool Upsert(SqliteWriteScope scope, SampleRow row)
    {
        var summary = row.Summary;
        var command = scope.Command(UpsertSql);
        command.Parameters.AddWithValue("$t", row.TenantId);
        command.Parameters.AddWithValue("$l", summary.LibraryId);
        command.Parameters.AddWithValue("$s", summary.SampleId);
        command.Parameters.AddWithValue("$p", summary.RelativePath);
        command.Parameters.AddWithValue("$d", summary.DurationSeconds);
        command.Parameters.AddWithValue("$b", (object?)summary.Bpm ?? DBNull.Value);
        command.Parameters.AddWithValue("$k", (object?)summary.Key ?? DBNull.Value);
        command.Parameters.AddWithValue("$c", (object?)summary.Camelot ?? DBNull.Value);
        command.Parameters.AddWithValue("$ty", summary.Type);
        command.Parameters.AddWithValue("$lu", (object?)summary.Lufs ?? DBNull.Value);
        command.Parameters.AddWithValue("$tags", row.Tags);
        command.Parameters.AddWithValue("$def", row.Defects);
        command.Parameters.AddWithValue("$sum", row.SummaryJson);
        command.Parameters.AddWithValue("$dup", (object?)summary.DuplicateOf ?? DBNull.Value);
        command.ExecuteNonQuery();
        return true;
    }

    /// <summary>A content claim, for the writer.</summary>
    private sealed record ContentClaim(string TenantId, string LibraryId, string ContentSha256, string SampleId);

    /// <summary>A catalogue row with its derived columns computed before it reaches the writer.</summary>
    private sealed record SampleRow(string TenantId, SampleSummary Summary, string Tags, string Defects, string SummaryJson);
}
