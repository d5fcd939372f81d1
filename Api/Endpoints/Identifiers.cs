using System.Text.RegularExpressions;

namespace SampleMind.Api.Endpoints;

/// <summary>The shape of tenant, library and job ids: 1-64 of a-z, 0-9, '-' and '_'.</summary>
internal static partial class Identifiers
{
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^[a-z0-9_-]{1,64}$")]
    private static partial Regex Pattern();
}
