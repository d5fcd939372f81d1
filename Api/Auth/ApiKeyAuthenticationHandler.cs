using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using SampleMind.Api.Errors;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Runtime;

namespace SampleMind.Api.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer smk_...</c> (or <c>X-Api-Key</c>) by asking the key's
/// grain to verify the secret's hash (<see cref="RecentKeyVerdicts"/>: the grain's answer, or a recent one when its silo
/// does not answer). Failures answer 401/403 as problem+json.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    RecentKeyVerdicts verdicts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    private const string FailureReasonKey = "samplemind:auth-failure";

    private static readonly System.Buffers.SearchValues<char> AsciiLettersAndDigits =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // Two headers read as one joined by a comma ("Bearer a,Bearer b"), which named an unknown key.
        foreach (var header in (ReadOnlySpan<string>)["Authorization", "X-Api-Key"])
        {
            if (Request.Headers[header].Count > 1)
            {
                return Fail($"Only one {header} header may be sent; this request has {Request.Headers[header].Count}.");
            }
        }

        // Both: the key taken would be one of two that may name different tenants (or X-Api-Key's behind an
        // Authorization of another scheme), picked silently; the request says which it means by sending one.
        if (Request.Headers.Authorization.Count > 0 && Request.Headers["X-Api-Key"].Count > 0)
        {
            return Fail("Send the key in one header, Authorization or X-Api-Key; this request has both.");
        }

        var presented = ReadPresentedKey(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (!ApiKeyToken.TryParse(presented, out var token))
        {
            return Fail("The API key is malformed: expected smk_<key id>_<secret>.");
        }

        var (verdict, tenant) = await verdicts.VerifyAsync(token.KeyId, token.SecretSha256Hex());
        if (!verdict.Valid)
        {
            return Fail(verdict.Reason ?? "The API key is not valid.");
        }

        var plan = tenant is null ? TenantPlan.Free : TenantPlan.FromName(tenant.Plan) ?? TenantPlan.Free;
        var claims = new List<Claim>
        {
            new(ApiClaims.TenantId, verdict.TenantId!),
            new(ApiClaims.KeyId, token.KeyId),
            new(ApiClaims.RequestsPerMinute, plan.RequestsPerMinute.ToString(CultureInfo.InvariantCulture)),
        };
        foreach (var scope in Enum.GetValues<ApiScope>())
        {
            if (scope != ApiScope.None && verdict.Scopes.HasFlag(scope))
            {
                claims.Add(new Claim(ApiClaims.Scope, scope.ToString()));
            }
        }

        var identity = new ClaimsIdentity(claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var reason = HeaderFailure(Context) ?? "An API key is required: send 'Authorization: Bearer smk_...'.";
        Response.Headers.WWWAuthenticate = "Bearer realm=\"samplemind\"";
        return Problems.Write(Context, StatusCodes.Status401Unauthorized, ProblemTypes.Unauthorized, "Unauthorized", reason);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Write(Context, StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "Forbidden",
            Context.Items.TryGetValue(ScopePolicies.ForbiddenReasonKey, out var r) && r is string reason
                ? reason
                : "The API key lacks the scope this endpoint needs.");

    /// <summary>
    /// Why the key in the request's headers (<c>Authorization</c>, <c>X-Api-Key</c>) was not taken (malformed, unknown,
    /// revoked, another scheme), as a 401 says it; null when the headers presented no key and no Authorization header.
    /// </summary>
    public static string? HeaderFailure(HttpContext context) =>
        context.Items.TryGetValue(FailureReasonKey, out var r) && r is string reason ? reason
        : context.Request.Headers.Authorization.ToString() is { Length: > 0 } header ? NotBearer(header)
        : null;

    private AuthenticateResult Fail(string reason)
    {
        Context.Items[FailureReasonKey] = reason;
        return AuthenticateResult.Fail(reason);
    }

    /// <summary>
    /// Whether the key the request presented still verifies as an operator's admin key: for a long answer (the
    /// dashboard's stream) to end once its key is revoked, where authentication ran once, at its start.
    /// </summary>
    public static async Task<bool> StillOperatorAsync(HttpRequest request, IGrainFactory grains)
    {
        if (ReadPresentedKey(request) is not { } presented || !ApiKeyToken.TryParse(presented, out var token))
        {
            return false;
        }

        var verdict = await grains.GetGrain<IApiKeyGrain>(token.KeyId).Verify(token.SecretSha256Hex());
        return verdict.Valid && ScopePolicies.IsOperatorKey(verdict.Scopes.HasFlag(ApiScope.Admin), verdict.TenantId);
    }

    /// <summary>
    /// Why an Authorization header without a Bearer key was not taken, naming its scheme (a word of letters and digits)
    /// but never the credentials after it: a header of a single word names none (it may be a key sent without a scheme).
    /// </summary>
    private static string NotBearer(string header)
    {
        var end = header.AsSpan().IndexOfAny(' ', '\t');
        var scheme = end < 0 ? header.Trim() : header[..end];
        if (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return "The Authorization header gives no key after 'Bearer ' (one space, then the key): send 'Authorization: Bearer smk_...'.";
        }

        return end is > 0 and <= 32 && !scheme.AsSpan().ContainsAnyExcept(AsciiLettersAndDigits)
            ? $"The Authorization header uses the '{scheme}' scheme; this API takes 'Authorization: Bearer smk_...'."
            : "The Authorization header has no scheme this API takes: send 'Authorization: Bearer smk_...'.";
    }

    private static string? ReadPresentedKey(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        var apiKey = request.Headers["X-Api-Key"].ToString();
        return apiKey.Length > 0 ? apiKey : null;
    }
}
