using SampleMind.Api.Auth;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Runtime;

namespace SampleMind.Api.Sessions;

/// <summary>
/// Who opens a session socket. Besides the <c>Authorization</c> header (checked by the key handler), a browser, which
/// cannot set headers on a WebSocket, offers the key as the subprotocol <c>bearer.smk_...</c> beside
/// <see cref="Protocol"/>, which the server selects; the key is verified the same way (parse, then the key's grain).
/// A key in the URL (<c>access_token</c>) is refused: URLs are written to access logs, by this host's request
/// logging as by proxies, where a header is not. The caller keeps the SHA-256 of its key's secret (never the secret), so
/// that an open socket can ask again whether the key still opens the session (<see cref="WhyNotAuthorizedAsync"/>).
/// </summary>
internal sealed record SessionCaller(string TenantId, string KeyId, string SecretSha256Hex)
{
    /// <summary>The session socket's subprotocol, selected whenever the client offers it.</summary>
    public const string Protocol = "samplemind.session";

    /// <summary>The prefix of the subprotocol that carries the key.</summary>
    public const string BearerProtocolPrefix = "bearer.";

    private const string HowToSend =
        $"send 'Authorization: Bearer smk_...', or offer the WebSocket subprotocols '{Protocol}' and '{BearerProtocolPrefix}smk_...'";

    /// <summary>The caller with the sessions scope, or the status (401/403) and the reason why not.</summary>
    public static async Task<(SessionCaller? Caller, int Status, string Reason)> AuthenticateAsync(HttpContext context, IGrainFactory grains)
    {
        if (context.Request.Query.ContainsKey("access_token"))
        {
            return (null, StatusCodes.Status401Unauthorized,
                $"An API key is not accepted in the URL (access_token), where access logs keep it: {HowToSend}.");
        }

        var offered = context.WebSockets.WebSocketRequestedProtocols;
        if (Ambiguous(context.Request, offered) is { } twoWays)
        {
            return (null, StatusCodes.Status401Unauthorized, twoWays);
        }

        if (context.User.Identity?.IsAuthenticated == true)
        {
            // The key handler verified the key in the header; it is read again for its secret's hash.
            return !context.User.HasScope(ApiScope.Sessions) ? (null, StatusCodes.Status403Forbidden, "The API key lacks the sessions scope.")
                : ApiKeyToken.TryParse(HeaderKey(context.Request), out var verified)
                    ? (new SessionCaller(context.User.GetTenantId(), verified.KeyId, verified.SecretSha256Hex()), 200, "")
                    : (null, StatusCodes.Status401Unauthorized, "The API key is malformed: expected smk_<key id>_<secret>.");
        }

        var presented = offered.FirstOrDefault(p => p.StartsWith(BearerProtocolPrefix, StringComparison.Ordinal))?[BearerProtocolPrefix.Length..];
        if (presented is null)
        {
            // A key in a header that the key handler refused (revoked, unknown, another scheme) is answered as REST answers it.
            return (null, StatusCodes.Status401Unauthorized, ApiKeyAuthenticationHandler.HeaderFailure(context) ?? $"An API key is required: {HowToSend}.");
        }

        if (!offered.Contains(Protocol))
        {
            return (null, StatusCodes.Status401Unauthorized,
                $"A key offered as a subprotocol needs the subprotocol '{Protocol}' offered beside it (the server selects that one).");
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
            ? (new SessionCaller(verdict.TenantId!, token.KeyId, token.SecretSha256Hex()), 200, "")
            : (null, StatusCodes.Status403Forbidden, "The API key lacks the sessions scope.");
    }

    /// <summary>Why the key no longer opens the session (revoked, or its sessions scope or tenant gone), or null while it does.</summary>
    public async Task<string?> WhyNotAuthorizedAsync(IGrainFactory grains)
    {
        var verdict = await grains.GetGrain<IApiKeyGrain>(KeyId).Verify(SecretSha256Hex);
        return !verdict.Valid ? verdict.Reason ?? "The API key is no longer valid."
            : verdict.TenantId != TenantId || (verdict.Scopes & (ApiScope.Sessions | ApiScope.Admin)) == 0 ? "The API key lacks the sessions scope."
            : null;
    }

    /// <summary>
    /// Why the request's credentials are ambiguous (a key in a header and one as a subprotocol, or two key subprotocols),
    /// or null: which one is meant is not guessed, as REST refuses two key headers, since the one that would win silently
    /// may not be the one the client thinks it sent.
    /// </summary>
    private static string? Ambiguous(HttpRequest request, IList<string> offered)
    {
        var subprotocols = offered.Count(p => p.StartsWith(BearerProtocolPrefix, StringComparison.Ordinal));
        var inHeader = request.Headers.ContainsKey("Authorization") || request.Headers.ContainsKey("X-Api-Key");
        return subprotocols > 1 || (subprotocols == 1 && inHeader)
            ? $"Send an API key one way only: this request offers {(subprotocols > 1 ? $"{subprotocols} '{BearerProtocolPrefix}' subprotocols" : "a key in a header and one as a subprotocol")}; {HowToSend}."
            : null;
    }

    /// <summary>The key as the key handler reads it: <c>Authorization: Bearer</c>, else <c>X-Api-Key</c>.</summary>
    private static string HeaderKey(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : request.Headers["X-Api-Key"].ToString();
    }
}
