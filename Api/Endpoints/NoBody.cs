using Microsoft.AspNetCore.Http.Features;
using SampleMind.Api.Errors;

namespace SampleMind.Api.Endpoints;

/// <summary>
/// For endpoints whose path says all they do (pause, rotate, revoke, delete): a request that sends a body anyway is a
/// <c>400</c>, as a body property an endpoint does not take is, instead of a <c>200</c> that ignored it (a rotation sent
/// with new scopes keeps the old ones; a caller should learn that before relying on it). An empty body is no body.
/// </summary>
internal static class NoBody
{
    public static TBuilder TakesNoBody<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
            await HasBodyAsync(context.HttpContext)
                ? Problems.BadRequest("This endpoint takes no request body: what it does is given by its path alone, and a body would be ignored.")
                : await next(context));

    private static async Task<bool> HasBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength is { } length)
        {
            return length > 0;
        }

        if (context.Features.Get<IHttpRequestBodyDetectionFeature>() is not { CanHaveBody: true })
        {
            return false;
        }

        // Chunked: a body of no chunks is none.
        var one = new byte[1];
        return await context.Request.Body.ReadAsync(one, context.RequestAborted) > 0;
    }
}
