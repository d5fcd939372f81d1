using Microsoft.AspNetCore.Authorization;
using SampleMind.Grains.Abstractions.Tenants;

namespace SampleMind.Api.Auth;

/// <summary>One authorization policy per scope, named after it ("scope:ingest" ...).</summary>
internal static class ScopePolicies
{
    public static string For(ApiScope scope) => "scope:" + scope.ToString().ToLowerInvariant();

    public static void Add(AuthorizationOptions options)
    {
        foreach (var scope in Enum.GetValues<ApiScope>())
        {
            if (scope == ApiScope.None)
            {
                continue;
            }

            options.AddPolicy(For(scope), policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireAssertion(ctx => ctx.User.HasScope(scope)));
        }
    }

    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, ApiScope scope)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization(For(scope));
}
