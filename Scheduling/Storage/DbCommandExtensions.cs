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

    /// <summary>The parameter names <c>@prefix0</c> … <c>@prefix{count-1}</c>, for an <c>IN (…)</c> list.</summary>
    public static string[] ParameterNames(string prefix, int count)
    {
        var names = new string[count];
        for (var i = 0; i < count; i++)
        {
            names[i] = "@" + prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return names;
    }

    /// <summary>Adds one parameter per name, with the values in order.</summary>
    public static DbCommand WithAll(this DbCommand command, string[] names, IEnumerable<string> values)
    {
        var i = 0;
        foreach (var value in values)
        {
            command.With(names[i++], value);
        }

        return command;
    }
}
