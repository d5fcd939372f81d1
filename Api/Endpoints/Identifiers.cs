using System.Text.RegularExpressions;
using SampleMind.Api.Uploads;

namespace SampleMind.Api.Endpoints;

/// <summary>The shape of tenant, library and job ids (1-64 of a-z, 0-9, '-' and '_') and of sample ids.</summary>
internal static partial class Identifiers
{
    /// <summary>The rule a tenant, library, job or client id follows, as messages give it.</summary>
    public const string Rule = "1-64 of a-z, 0-9, '-' and '_'";

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    /// <summary>Whether <paramref name="id"/> has the shape of a sample id: "s" and 24 lowercase hex digits.</summary>
    public static bool IsSampleId(string? id) => id is not null && SamplePattern().IsMatch(id);

    /// <summary>The 400's sentence for a path's library id that cannot be one, with the rule.</summary>
    public static string NotALibraryId(string libraryId) => $"'{Shown(libraryId)}' is not a library id: {Rule}.";

    /// <summary>
    /// A path's id as an error message quotes it: with the escaped '/' the server leaves in a path segment ("a%2Fb")
    /// read as the client sent it ("a/b"), and control characters as their codes (see <see cref="ArchiveEntryPath.Shown"/>).
    /// </summary>
    public static string Shown(string routeValue) => ArchiveEntryPath.Shown(routeValue.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"^[a-z0-9_-]{1,64}\z")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^s[0-9a-f]{24}\z")]
    private static partial Regex SamplePattern();
}
