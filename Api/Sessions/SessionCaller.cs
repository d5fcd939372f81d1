using SampleMind.Api.Auth;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Runtime;

namespace SampleMind.Api.Sessions;

/// <summary>
/// Who opens a session socket. Browsers cannot set headers on a WebSocket, so besides the
/// <c>Authorization</c> header (checked by the key handler) the key may come as the
/// <c>access_token</c> query parameter, verified here the same way: parse, then the key's grain.
/// </summary>
internal sealed record SessionCaller(string TenantId, string KeyId)
{
    /// <summary>The caller with the sessions scope, or the status (401/403) and the reason why not.</summary>
    public static async Task<(SessionCaller? Caller, int Status, string Reason)> AuthenticateAsync(HttpContext context, IGrainFactory grains)
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            return context.User.HasScope(ApiScope.Sessions)
                ? (new SessionCaller(context.User.GetTenantId(), context.User.GetKeyId()!), 200, "")
                : (null, StatusCodes.Status403Forbidden, "The API key lacks the sessions scope.");
        }

        var presented = context.Request.Query["access_token"].ToString();
        if (presented.Length == 0)
        {
            return (null, StatusCodes.Status401Unauthorized,
                "An API key is required: send 'Authorization: Bearer smk_...' or the access_token query parameter.");
        }

        if (!ApiKeyToken.TryParse(presented, out var token))
        {
            return (null, StatusCodes.Status401Unauthorized, "The API key is malformed: expected smk_<key id>_<secret>.");
        }

        var verdict = await grains.GetGrain<IApiKeyGrain>(token.KeyId).Verify(token.SecretSha256Hex());
        if (!verdict.Valid)
        {
            return (null, StatusCodes.Status401Unauthorized, verdict.Reason ?? "The API key is not valid.");
        }

        return (verdict.Scopes & (ApiScope.Sessions | ApiScope.Admin)) != 0
            ? (new SessionCaller(verdict.TenantId!, token.KeyId), 200, "")
            : (null, StatusCodes.Status403Forbidden, "The API key lacks the sessions scope.");
    }
}
