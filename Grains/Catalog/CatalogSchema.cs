namespace SampleMind.Grains.Catalog;

/// <summary>
/// What both catalogue stores add to the first release's <c>catalog_samples</c>: the <c>duplicate_of</c> column (the
/// original a copy links to, null for an original; until it existed it was read out of the stored summary) and the
/// two indexes that keep a large library's overview, library list and copy lookups off the table's wide rows.
/// </summary>
internal static class CatalogSchema
{
    /// <summary>1 when a SQLite catalogue has the <c>duplicate_of</c> column, else 0.</summary>
    public const string SqliteHasDuplicateOf = "SELECT COUNT(*) FROM pragma_table_info('catalog_samples') WHERE name = 'duplicate_of'";

    /// <summary>Adds the column to a SQLite catalogue made before it and fills it from the stored summaries.</summary>
    public const string SqliteAddDuplicateOf = """
        ALTER TABLE catalog_samples ADD COLUMN duplicate_of TEXT;
        UPDATE catalog_samples SET duplicate_of = json_extract(summary, '$.duplicateOf') WHERE summary LIKE '%"duplicateOf":"%';
        """;

    /// <summary>As <see cref="SqliteAddDuplicateOf"/> for PostgreSQL; run under the schema lock, a no-op once done.</summary>
    public const string PostgresAddDuplicateOf = """
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                    WHERE table_schema = current_schema() AND table_name = 'catalog_samples' AND column_name = 'duplicate_of') THEN
                ALTER TABLE catalog_samples ADD COLUMN duplicate_of text COLLATE "C";
                UPDATE catalog_samples SET duplicate_of = summary::jsonb ->> 'duplicateOf' WHERE summary LIKE '%"duplicateOf":"%';
            END IF;
        END $$;
        """;

    /// <summary>
    /// The overview's covering index (every column <see cref="CatalogOverviewSql"/> reads but the copies: a scan of it
    /// reads some 60 bytes a sample where the table's rows carry the summary, about 3.4 KB), and a partial index of the
    /// copies by original (the duplicate count and a removal's lookup of an original's copies). Both dialects.
    /// </summary>
    public const string Indexes = """
        CREATE INDEX IF NOT EXISTS ix_catalog_samples_overview
            ON catalog_samples (tenant_id, library_id, type, musical_key, duration, bpm, lufs, defects);
        CREATE INDEX IF NOT EXISTS ix_catalog_samples_copies
            ON catalog_samples (tenant_id, library_id, duplicate_of, sample_id) WHERE duplicate_of IS NOT NULL;
        """;
}
