using Microsoft.AspNetCore.Authorization;
using SampleMind.Grains.Abstractions.Tenants;

namespace SampleMind.Api.Auth;

/// <summary>
/// One authorization policy per scope, named after it ("scope:ingest" ...), and the operator's: an admin key of the
/// operator tenant, for what shows every tenant at once (the dashboard, the metrics).
/// </summary>
internal static class ScopePolicies
{
    public const string Operator = "operator";

    /// <summary>Where a refusal's reason waits for <see cref="ApiKeyAuthenticationHandler"/>'s 403 problem.</summary>
    public const string ForbiddenReasonKey = "samplemind.forbidden-reason";

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
                .RequireAssertion(ctx => HasScope(ctx, scope)));
        }

        options.AddPolicy(Operator, policy => policy
            .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireAssertion(IsOperator));
    }

    public static TBuilder RequireOperator<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization(Operator);

    /// <summary>Whether a key is the operator's: an admin key of the operator tenant.</summary>
    public static bool IsOperatorKey(bool admin, string? tenantId) => admin && tenantId == BootstrapService.OperatorTenantId;

    private static bool HasScope(AuthorizationHandlerContext context, ApiScope scope)
    {
        if (context.User.HasScope(scope))
        {
            return true;
        }

        if (context.Resource is HttpContext http)
        {
            http.Items[ForbiddenReasonKey] =
                $"This endpoint needs a key with the '{scope.ToString().ToLowerInvariant()}' scope (an admin key has every scope).";
        }

        return false;
    }

    private static bool IsOperator(AuthorizationHandlerContext context)
    {
        // Run for a caller without a key too (every requirement is checked): the tenant claim may be absent.
        if (IsOperatorKey(context.User.HasScope(ApiScope.Admin), context.User.FindFirst(ApiClaims.TenantId)?.Value))
        {
            return true;
        }

        if (context.Resource is HttpContext http)
        {
            http.Items[ForbiddenReasonKey] =
                $"This shows every tenant: it needs an admin key of the operator tenant '{BootstrapService.OperatorTenantId}'.";
        }

        return false;
    }

    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, ApiScope scope)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization(For(scope));
}
