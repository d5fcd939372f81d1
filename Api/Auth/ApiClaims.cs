using System.Security.Claims;
using SampleMind.Grains.Abstractions.Tenants;

namespace SampleMind.Api.Auth;

/// <summary>Claim names the key handler sets, and typed readers for endpoints.</summary>
internal static class ApiClaims
{
    public const string TenantId = "samplemind:tenant";
    public const string KeyId = "samplemind:key";
    public const string Scope = "samplemind:scope";
    public const string RequestsPerMinute = "samplemind:rpm";

    public static string GetTenantId(this ClaimsPrincipal user) =>
        user.FindFirstValue(TenantId) ?? throw new InvalidOperationException("No tenant on an authenticated request.");

    public static string? GetKeyId(this ClaimsPrincipal user) => user.FindFirstValue(KeyId);

    public static bool HasScope(this ClaimsPrincipal user, ApiScope scope) =>
        user.HasClaim(Scope, scope.ToString()) || user.HasClaim(Scope, nameof(ApiScope.Admin));
}
