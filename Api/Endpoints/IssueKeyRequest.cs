using SampleMind.Grains.Abstractions.Tenants;

namespace SampleMind.Api.Endpoints;

/// <summary>Body of <c>POST /v1/tenants/{id}/keys</c>: only the scopes are required (the default tells the OpenAPI document so).</summary>
/// <param name="Scopes">Comma-separated: ingest, read, search, sessions, admin.</param>
public sealed record IssueKeyRequest(string Scopes, string? Name = null)
{
    /// <summary>The longest key name.</summary>
    public const int MaxNameLength = 100;

    /// <summary>A problem with the name (1-100 characters, no control characters; none given: "key"), or null.</summary>
    internal string? NameError() => DisplayNames.Error(Name, MaxNameLength);

    internal bool TryParseScopes(out ApiScope scopes, out string error)
    {
        scopes = ApiScope.None;
        error = "";
        foreach (var part in (Scopes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // By name only: Enum.TryParse also takes numbers ("1" would be ingest, "31" every scope).
            if (!part.All(char.IsAsciiLetter) || !Enum.TryParse<ApiScope>(part, ignoreCase: true, out var scope) || scope == ApiScope.None ||
                !Enum.IsDefined(scope))
            {
                error = $"Unknown scope '{part}': use ingest, read, search, sessions or admin.";
                return false;
            }

            scopes |= scope;
        }

        error = scopes == ApiScope.None ? "At least one scope is required." : "";
        return scopes != ApiScope.None;
    }
}
