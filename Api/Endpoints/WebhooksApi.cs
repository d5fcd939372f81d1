using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using SampleMind.Api.Auth;
using SampleMind.Api.Errors;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Grains.Abstractions.Webhooks;
using SampleMind.Runtime;

namespace SampleMind.Api.Endpoints;

/// <summary>
/// Webhooks: a job's delivery log (read scope), and the tenant's signing secret (admin scope; the
/// operator's key for any tenant, another admin key for its own). Answers carrying the secret are
/// never cached.
/// </summary>
internal static class WebhooksApi
{
    public static RouteGroupBuilder MapWebhooksApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/jobs/{jobId}/webhooks", GetLog).WithTags("Jobs")
            .WithSummary("The job's webhook events and every delivery attempt (time, attempt, status or error, duration, next retry)")
            .RequireScope(ApiScope.Read);
        var tenants = v1.MapGroup("/tenants/{tenantId}/webhook-secret").WithTags("Tenants").RequireScope(ApiScope.Admin);
        tenants.MapGet("/", ([Description(ParameterDescriptions.TenantId)] string tenantId, HttpContext c, IGrainFactory g) =>
                Secret(tenantId, c, g, t => t.GetWebhookSecret()))
            .WithSummary("The tenant's webhook signing secret (created on first use)");
        tenants.MapPost("/rotate", ([Description(ParameterDescriptions.TenantId)] string tenantId, HttpContext c, IGrainFactory g) =>
                Secret(tenantId, c, g, t => t.RotateWebhookSecret()))
            .WithSummary("Replace the webhook signing secret; later attempts are signed with the new one").TakesNoBody();
        return v1;
    }

    internal static async Task<Results<Ok<WebhookDeliveryLog>, ProblemHttpResult>> GetLog(
        [Description(ParameterDescriptions.JobId)] string jobId, HttpContext context, IGrainFactory grains)
    {
        if (await JobsApi.FindAsync(jobId, context, grains) is null)
        {
            return Problems.NotFound($"There is no job '{Identifiers.Shown(jobId)}'.");
        }

        return TypedResults.Ok(await grains.GetGrain<IWebhookDeliveryGrain>(jobId).GetLog());
    }

    private static async Task<Results<Ok<WebhookSecretResponse>, ProblemHttpResult>> Secret(
        string tenantId, HttpContext context, IGrainFactory grains, Func<ITenantGrain, Task<string>> action)
    {
        if (!TenantsApi.MayManage(context, tenantId))
        {
            return TypedResults.Problem($"This key cannot manage tenant '{tenantId}'.", statusCode: StatusCodes.Status403Forbidden,
                title: "Forbidden", type: ProblemTypes.Forbidden);
        }

        var tenant = grains.GetGrain<ITenantGrain>(tenantId);
        if (await tenant.GetInfo() is null)
        {
            return Problems.NotFound($"Tenant '{tenantId}' does not exist.");
        }

        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new WebhookSecretResponse(tenantId, await action(tenant)));
    }
}
