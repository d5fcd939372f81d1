using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using SampleMind.Api.Auth;
using SampleMind.Api.Errors;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Runtime;

namespace SampleMind.Api.Endpoints;

/// <summary>
/// Tenants and their API keys (admin scope): create tenants, issue, list, revoke and rotate keys,
/// and read usage against the plan. A tenant's own admin key manages only that tenant.
/// </summary>
internal static class TenantsApi
{
    public static RouteGroupBuilder MapTenantsApi(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/tenants").WithTags("Tenants").RequireScope(ApiScope.Admin);
        group.MapPost("/", CreateTenant).WithSummary("Create a tenant (operator tenant only)").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{tenantId}", GetTenant).WithSummary("Get a tenant");
        group.MapPatch("/{tenantId}", ChangePlan).WithSummary("Change a tenant's plan (operator tenant only); quotas and rate limits follow at once");
        group.MapGet("/{tenantId}/usage", GetUsage).WithSummary("This month's usage against the plan");
        group.MapGet("/{tenantId}/keys", ListKeys).WithSummary("List a tenant's API keys (never their secrets)");
        group.MapPost("/{tenantId}/keys", IssueKey).WithSummary("Issue an API key; the token is returned once").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{tenantId}/keys/{keyId}", GetKey).WithSummary("One of a tenant's API keys (never its secret)");
        group.MapDelete("/{tenantId}/keys/{keyId}", RevokeKey).WithSummary("Revoke an API key (not the operator tenant's last admin key)").ProducesProblem(StatusCodes.Status409Conflict)
            .TakesNoBody();
        group.MapPost("/{tenantId}/keys/{keyId}/rotate", RotateKey).WithSummary("Replace a key: issue a new one, revoke the old").TakesNoBody();
        return v1;
    }

    internal static async Task<Results<Created<TenantInfo>, ProblemHttpResult, ValidationProblem>> CreateTenant(
        CreateTenantRequest request, HttpContext context, IGrainFactory grains)
    {
        if (!IsOperator(context))
        {
            return Forbidden("Only the operator tenant creates tenants.");
        }

        var errors = request.Validate();
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var tenant = grains.GetGrain<ITenantGrain>(request.Id);
        if (await tenant.GetInfo() is not null)
        {
            return Problems.Conflict($"Tenant '{request.Id}' already exists.");
        }

        var info = await tenant.Create(request.Name ?? request.Id, request.Plan ?? "free");
        return TypedResults.Created($"/v1/tenants/{info.Id}", info);
    }

    internal static async Task<Results<Ok<TenantInfo>, ProblemHttpResult, ValidationProblem>> ChangePlan(
        [Description(ParameterDescriptions.TenantId)] string tenantId, ChangePlanRequest request, HttpContext context, IGrainFactory grains)
    {
        if (!IsOperator(context))
        {
            return Forbidden("Only the operator tenant changes plans.");
        }

        if (TenantPlan.FromName(request.Plan ?? "") is null)
        {
            return Problems.Invalid("plan", "The plan is free, pro or studio.");
        }

        var tenant = grains.GetGrain<ITenantGrain>(tenantId);
        return !Identifiers.IsValid(tenantId) || await tenant.GetInfo() is null
            ? Problems.NotFound($"Tenant '{tenantId}' does not exist.")
            : TypedResults.Ok(await tenant.SetPlan(request.Plan!));
    }

    internal static async Task<Results<Ok<TenantInfo>, ProblemHttpResult>> GetTenant(
        [Description(ParameterDescriptions.TenantId)] string tenantId, HttpContext context, IGrainFactory grains)
    {
        if (!MayManage(context, tenantId))
        {
            return Forbidden($"This key cannot manage tenant '{tenantId}'.");
        }

        var info = await grains.GetGrain<ITenantGrain>(tenantId).GetInfo();
        return info is null ? Problems.NotFound($"Tenant '{tenantId}' does not exist.") : TypedResults.Ok(info);
    }

    internal static async Task<Results<Ok<UsageReport>, ProblemHttpResult>> GetUsage(
        [Description(ParameterDescriptions.TenantId)] string tenantId, HttpContext context, IGrainFactory grains)
    {
        if (!MayManage(context, tenantId))
        {
            return Forbidden($"This key cannot manage tenant '{tenantId}'.");
        }

        var tenant = grains.GetGrain<ITenantGrain>(tenantId);
        return await tenant.GetInfo() is null
            ? Problems.NotFound($"Tenant '{tenantId}' does not exist.")
            : TypedResults.Ok(await tenant.GetUsage());
    }

    internal static async Task<Results<Ok<ItemsResponse<ApiKeyInfo>>, ProblemHttpResult>> ListKeys(
        [Description(ParameterDescriptions.TenantId)] string tenantId, HttpContext context, IGrainFactory grains)
    {
        if (!MayManage(context, tenantId))
        {
            return Forbidden($"This key cannot manage tenant '{tenantId}'.");
        }

        var tenant = grains.GetGrain<ITenantGrain>(tenantId);
        return await tenant.GetInfo() is null
            ? Problems.NotFound($"Tenant '{tenantId}' does not exist.")
            : TypedResults.Ok(new ItemsResponse<ApiKeyInfo>(await tenant.ListKeys()));
    }

    internal static async Task<Results<Created<IssuedApiKey>, ProblemHttpResult, ValidationProblem>> IssueKey(
        [Description(ParameterDescriptions.TenantId)] string tenantId, IssueKeyRequest request, HttpContext context, IGrainFactory grains)
    {
        if (!MayManage(context, tenantId))
        {
            return Forbidden($"This key cannot manage tenant '{tenantId}'.");
        }

        var errors = new Dictionary<string, string[]>();
        if (request.NameError() is { } nameError)
        {
            errors["name"] = [nameError];
        }

        if (!request.TryParseScopes(out var scopes, out var error))
        {
            errors["scopes"] = [error];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var tenant = grains.GetGrain<ITenantGrain>(tenantId);
        if (await tenant.GetInfo() is null)
        {
            return Problems.NotFound($"Tenant '{tenantId}' does not exist.");
        }

        if (await tenant.IssueKey(request.Name ?? "key", scopes) is not { } issued)
        {
            return Problems.Conflict($"Tenant '{tenantId}' has {TenantLimits.MaxActiveKeys} keys in use, the most it may have; revoke one first.");
        }

        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/v1/tenants/{tenantId}/keys/{issued.Key.KeyId}", issued);
    }

    internal static async Task<Results<Ok<ApiKeyInfo>, ProblemHttpResult>> GetKey(
        [Description(ParameterDescriptions.TenantId)] string tenantId, [Description(ParameterDescriptions.KeyId)] string keyId,
        HttpContext context, IGrainFactory grains)
    {
        if (!MayManage(context, tenantId))
        {
            return Forbidden($"This key cannot manage tenant '{tenantId}'.");
        }

        var key = (await grains.GetGrain<ITenantGrain>(tenantId).ListKeys()).FirstOrDefault(k => k.KeyId == keyId);
        return key is null ? Problems.NotFound($"Tenant '{tenantId}' has no key '{keyId}'.") : TypedResults.Ok(key);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> RevokeKey(
        [Description(ParameterDescriptions.TenantId)] string tenantId, [Description(ParameterDescriptions.KeyId)] string keyId,
        HttpContext context, IGrainFactory grains)
    {
        if (!MayManage(context, tenantId))
        {
            return Forbidden($"This key cannot manage tenant '{tenantId}'.");
        }

        // The operator's last admin key stays: nothing else could issue the operator another.
        return await grains.GetGrain<ITenantGrain>(tenantId).RevokeKey(keyId, keepAnAdminKey: tenantId == BootstrapService.OperatorTenantId) switch
        {
            KeyRevocation.Revoked => TypedResults.NoContent(),
            KeyRevocation.LastAdminKey => Problems.Conflict(
                $"Key '{keyId}' is the operator tenant's last active admin key: issue another admin key (or rotate this one) before revoking it."),
            _ => Problems.NotFound($"Tenant '{tenantId}' has no key '{keyId}'."),
        };
    }

    internal static async Task<Results<Ok<IssuedApiKey>, ProblemHttpResult>> RotateKey(
        [Description(ParameterDescriptions.TenantId)] string tenantId, [Description(ParameterDescriptions.KeyId)] string keyId,
        HttpContext context, IGrainFactory grains)
    {
        if (!MayManage(context, tenantId))
        {
            return Forbidden($"This key cannot manage tenant '{tenantId}'.");
        }

        var issued = await grains.GetGrain<ITenantGrain>(tenantId).RotateKey(keyId);
        if (issued is null)
        {
            return Problems.NotFound($"Tenant '{tenantId}' has no active key '{keyId}'.");
        }

        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(issued);
    }

    /// <summary>The operator tenant manages every tenant; any other admin key only its own.</summary>
    internal static bool MayManage(HttpContext context, string tenantId) =>
        IsOperator(context) || context.User.GetTenantId() == tenantId;

    private static bool IsOperator(HttpContext context) => context.User.GetTenantId() == BootstrapService.OperatorTenantId;

    private static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", type: ProblemTypes.Forbidden);
}
