using System.Text.RegularExpressions;

namespace SampleMind.Api.Endpoints;

/// <summary>The shape of tenant, library and job ids (1-64 of a-z, 0-9, '-' and '_') and of sample ids.</summary>
internal static partial class Identifiers
{
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    /// <summary>Whether <paramref name="id"/> has the shape of a sample id: "s" and 24 lowercase hex digits.</summary>
    public static bool IsSampleId(string? id) => id is not null && SamplePattern().IsMatch(id);

    [GeneratedRegex("^[a-z0-9_-]{1,64}$")]
    private static partial Regex Pattern();

    [GeneratedRegex("^s[0-9a-f]{24}$")]
    private static partial Regex SamplePattern();
}
