using System.Data.Common;

namespace SampleMind.Scheduling.Storage;

/// <summary>Parameter and scalar helpers shared by both providers.</summary>
internal static class DbCommandExtensions
{
    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }

    public static async Task<long> ScalarInt64Async(this DbCommand command, CancellationToken cancellationToken)
    {
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Appends <c>column IN (@p0, @p1, ...)</c> for a list of strings.</summary>
    public static string InList(this DbCommand command, string column, IReadOnlyCollection<string> values, string prefix)
    {
        var names = new string[values.Count];
        var i = 0;
        foreach (var value in values)
        {
            names[i] = "@" + prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            command.With(names[i], value);
            i++;
        }

        return column + " IN (" + string.Join(", ", names) + ")";
    }
}
