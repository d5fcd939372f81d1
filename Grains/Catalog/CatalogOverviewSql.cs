using System.Data.Common;
using System.Text;
using SampleMind.Audio;
using SampleMind.Grains.Abstractions.Libraries;
using SampleMind.Search.Filters;

namespace SampleMind.Grains.Catalog;

/// <summary>
/// The catalogue's counts over a tenant's libraries and over one library, as SQL both dialects run (parameters
/// <c>@t</c>, the tenant, and <c>@l</c>, the library) and the readers of its rows.
/// </summary>
internal static class CatalogOverviewSql
{
    /// <summary>A tenant's libraries by id: sample count and audio seconds.</summary>
    public const string Libraries = """
        SELECT library_id, COUNT(*), COALESCE(SUM(duration), 0) FROM catalog_samples WHERE tenant_id = @t
            GROUP BY library_id ORDER BY library_id
        """;

    /// <summary>Samples by type (0) and by key (1) of one library.</summary>
    public const string Groups = """
        SELECT 0, type, COUNT(*) FROM catalog_samples WHERE tenant_id = @t AND library_id = @l GROUP BY type
        UNION ALL
        SELECT 1, musical_key, COUNT(*) FROM catalog_samples WHERE tenant_id = @t AND library_id = @l AND musical_key IS NOT NULL
            GROUP BY musical_key
        """;

    /// <summary>
    /// One row of one library's totals: count, audio seconds, duplicates, tempo and loudness ranges, samples without a
    /// key, then one count per defect kind in <see cref="DefectKindNames.All"/>'s order. The scan reads the covering index
    /// of <see cref="CatalogSchema.Indexes"/>, the copies their partial index. The defect names are the enumeration's,
    /// never input.
    /// </summary>
    public static string Totals { get; } = BuildTotals();

    public static void AddParameters(DbCommand command, string tenantId, string? libraryId = null)
    {
        Add(command, "@t", tenantId);
        if (libraryId is not null)
        {
            Add(command, "@l", libraryId);
        }
    }

    public static async Task<IReadOnlyList<LibrarySummary>> ReadLibrariesAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var libraries = new List<LibrarySummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            libraries.Add(new LibrarySummary(reader.GetString(0), reader.GetInt64(1), reader.GetDouble(2)));
        }

        return libraries;
    }

    /// <summary>Reads <see cref="Totals"/> and <see cref="Groups"/>; null when the library has no rows.</summary>
    public static async Task<LibraryOverview?> ReadOverviewAsync(
        string libraryId, DbCommand totals, DbCommand groups, CancellationToken cancellationToken)
    {
        long samples, duplicates, withoutKey;
        double audioSeconds;
        ValueRange? bpm, loudness;
        var defects = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await using (var reader = await totals.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            samples = reader.GetInt64(0);
            if (samples == 0)
            {
                return null;
            }

            audioSeconds = reader.GetDouble(1);
            duplicates = reader.GetInt64(2);
            bpm = Range(reader, 3);
            loudness = Range(reader, 5);
            withoutKey = reader.GetInt64(7);
            for (var i = 0; i < DefectKindNames.All.Count; i++)
            {
                defects[DefectKindNames.All[i]] = reader.GetInt64(8 + i);
            }
        }

        // Every type named, 0 where none is (as every defect kind is).
        var types = new SortedDictionary<string, long>(StringComparer.Ordinal) { ["loop"] = 0, ["one-shot"] = 0, ["unknown"] = 0 };
        var keys = new List<KeyCount>();
        await using (var reader = await groups.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var name = reader.GetString(1);
                var count = reader.GetInt64(2);
                if (reader.GetInt32(0) == 0)
                {
                    types[name] = count;
                }
                else
                {
                    // The code from the key's name, not the row's camelot column: rows written before the Camelot fix
                    // hold 12B for B major and 12A for G# minor.
                    keys.Add(new KeyCount(name, CamelotKey.TryParseNamed(name, out var key) ? key.Camelot : null, count));
                }
            }
        }

        keys.Sort((a, b) => b.Samples != a.Samples ? b.Samples.CompareTo(a.Samples) : CamelotOrder(a).CompareTo(CamelotOrder(b)));
        return new LibraryOverview(libraryId, samples, duplicates, audioSeconds, bpm, loudness, types, keys, withoutKey, defects);
    }

    private static int CamelotOrder(KeyCount count) =>
        CamelotKey.TryParseNamed(count.Key, out var key) ? key.Code : int.MaxValue;

    private static ValueRange? Range(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new ValueRange(reader.GetDouble(ordinal), reader.GetDouble(ordinal + 1));

    private static string BuildTotals()
    {
        var sql = new StringBuilder("""
            SELECT COUNT(*), COALESCE(SUM(duration), 0), (SELECT COUNT(*) FROM catalog_samples WHERE tenant_id = @t AND library_id = @l AND duplicate_of IS NOT NULL),
                MIN(bpm), MAX(bpm), MIN(lufs), MAX(lufs), COALESCE(SUM(CASE WHEN musical_key IS NULL THEN 1 ELSE 0 END), 0)
            """);
        foreach (var defect in DefectKindNames.All)
        {
            sql.Append(", COALESCE(SUM(CASE WHEN defects LIKE '%,").Append(defect).Append(",%' THEN 1 ELSE 0 END), 0)");
        }

        return sql.Append(" FROM catalog_samples WHERE tenant_id = @t AND library_id = @l").ToString();
    }

    private static void Add(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
