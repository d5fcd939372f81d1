using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SampleMind.Grains.Abstractions;
using SampleMind.Grains.Abstractions.Libraries;
using SampleMind.Grains.Abstractions.Samples;

namespace SampleMind.Grains.Catalog;

/// <summary>Translates a <see cref="SampleQuery"/> into parameterised SQL conditions (SQLite and PostgreSQL alike).</summary>
internal static class CatalogFilterSql
{
    /// <summary>
    /// One page of a library's listing on <paramref name="connection"/> (SQLite and PostgreSQL alike): the rows
    /// that match the query after its cursor, in sample id order, and the cursor of the next page when there is one.
    /// </summary>
    public static async Task<SamplePage> QueryPageAsync(
        DbConnection connection, string tenantId, string libraryId, SampleQuery query, IReadOnlyCollection<string>? camelotCodes,
        string like, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder("SELECT summary FROM catalog_samples WHERE tenant_id = @t AND library_id = @l");
        AddParameter(command, "@t", tenantId);
        AddParameter(command, "@l", libraryId);
        Append(sql, command, query, camelotCodes, like);
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

    /// <summary>
    /// Appends the query's conditions. <paramref name="like"/> is the dialect's ASCII case-insensitive
    /// pattern operator: SQLite's LIKE is one, PostgreSQL's is ILIKE.
    /// </summary>
    private static void Append(StringBuilder sql, DbCommand command, SampleQuery query, IReadOnlyCollection<string>? camelotCodes, string like)
    {
        var n = 0;
        string Param(object value) => AddParameter(command, "@p" + n++, value);

        if (query.Cursor is { } cursor)
        {
            sql.Append(" AND sample_id > ").Append(Param(cursor));
        }

        if (camelotCodes is { Count: > 0 })
        {
            sql.Append(" AND camelot IN (").AppendJoin(", ", camelotCodes.Select(Param)).Append(')');
        }

        AppendBpm(sql, Param, query);
        AppendRange(sql, Param, "duration", query.DurationMin, query.DurationMax);
        AppendRange(sql, Param, "lufs", query.LufsMin, query.LufsMax);
        if (query.Type is { } type)
        {
            sql.Append(" AND type = ").Append(Param(type));
        }

        foreach (var tag in query.Tags ?? [])
        {
            sql.Append(" AND tags ").Append(like).Append(' ').Append(Param(Contains(tag))).Append(Escape);
        }

        foreach (var defect in query.Defects ?? [])
        {
            var exclude = defect.StartsWith('-');
            sql.Append(exclude ? " AND defects NOT " : " AND defects ").Append(like).Append(' ')
                .Append(Param(Contains(defect.TrimStart('-')))).Append(Escape);
        }
    }

    private const string Escape = " ESCAPE '\\'";

    private static string AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return name;
    }

    /// <summary>The pattern of a comma-delimited list holding <paramref name="value"/>, its '%' and '_' taken literally.</summary>
    private static string Contains(string value) =>
        "%," + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + ",%";

    private static void AppendBpm(StringBuilder sql, Func<object, string> param, SampleQuery query)
    {
        if (query.BpmMin is null && query.BpmMax is null)
        {
            return;
        }

        var min = query.BpmMin ?? 0;
        var max = query.BpmMax ?? 1000;
        sql.Append(" AND (bpm BETWEEN ").Append(param(min)).Append(" AND ").Append(param(max));
        if (query.HalfDouble)
        {
            sql.Append(" OR bpm BETWEEN ").Append(param(min / 2)).Append(" AND ").Append(param(max / 2));
            sql.Append(" OR bpm BETWEEN ").Append(param(min * 2)).Append(" AND ").Append(param(max * 2));
        }

        sql.Append(')');
    }

    private static void AppendRange(StringBuilder sql, Func<object, string> param, string column, double? min, double? max)
    {
        if (min is { } low)
        {
            sql.Append(" AND ").Append(column).Append(" >= ").Append(param(low));
        }

        if (max is { } high)
        {
            sql.Append(" AND ").Append(column).Append(" <= ").Append(param(high));
        }
    }
}
