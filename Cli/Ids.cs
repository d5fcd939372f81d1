using System.CommandLine;
using System.CommandLine.Parsing;

namespace SampleMind.Cli;

/// <summary>
/// Ids the command line puts into request paths (jobs, keys, tenants, libraries): each one path segment, escaped, so
/// that an id with <c>/</c>, <c>?</c> or <c>#</c> addresses a job of that id (one the API does not know) and no other URL.
/// </summary>
internal static class Ids
{
    /// <summary>Refuses, as a command-line error, a value of <paramref name="argument"/> that cannot be one path segment.</summary>
    public static void Validate(Argument argument, string what) =>
        argument.Validators.Add(result => Check(result, result.GetValueOrDefault<string?>(), what));

    /// <inheritdoc cref="Validate(Argument, string)"/>
    public static void Validate(Option option, string what) =>
        option.Validators.Add(result => Check(result, result.GetValueOrDefault<string?>(), what));

    /// <summary><paramref name="id"/> as one path segment.</summary>
    public static string Segment(string id) => Uri.EscapeDataString(id);

    private static void Check(SymbolResult result, string? id, string what)
    {
        if (id is "")
        {
            result.AddError($"{what} must not be empty.");
        }
        else if (id?.StartsWith("--", StringComparison.Ordinal) == true)
        {
            // An option the command does not take lands in its optional id ("jobs --bogus" asked for job "--bogus").
            result.AddError($"'{id}' is not an option of this command (and cannot be {what}); see --help.");
        }
        else if (id is "." or "..")
        {
            // A URL's dot segments are resolved, escaped or not: "v1/jobs/.." is "v1/".
            result.AddError($"{what} cannot be '{id}'.");
        }
    }
}
