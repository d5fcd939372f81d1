using System.Globalization;
using System.Threading.RateLimiting;
using SampleMind.Api.Auth;
using SampleMind.Api.Errors;

namespace SampleMind.Api;

/// <summary>
/// Rate limits per API key and per client address for unauthenticated requests: a token bucket that holds a minute's
/// requests (so a client may spend its minute at once) and is refilled each second at the per-minute rate. A refusal is
/// a 429 problem+json with Retry-After. The limit is the global one, so it covers every request that reaches it: the
/// endpoints, <c>/metrics</c> and the OpenAPI document; the dashboard's and sessions page's static files are served
/// before it. Only endpoints marked <c>DisableRateLimiting</c> are not limited: the health probes, which a load balancer
/// or an orchestrator probes without a key, often from one address, and the session socket, one request whose key may
/// come in its subprotocol.
/// </summary>
internal static class ApiRateLimiting
{
    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services, Func<IServiceProvider, ApiOptions> options)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, (string, int)>(context =>
            {
                var keyId = context.User.GetKeyId();
                var perMinute = keyId is null
                    ? options(context.RequestServices).AnonymousRequestsPerMinute
                    : PerMinuteForKey(context);
                // A key's bucket is sized by its tenant's plan: a plan change gives the key a bucket of the new size, and a
                // change back, while the earlier bucket has not yet gone idle, carries on with that one (api.md says so).
                var partition = (keyId ?? "ip:" + context.Connection.RemoteIpAddress, perMinute);
                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(1, perMinute),
                    TokensPerPeriod = Math.Max(1, perMinute / 60),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    rejected.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                var detail = rejected.HttpContext.User.GetKeyId() is null
                    ? "This address sent more requests without a valid key than the server allows; retry after the time in Retry-After."
                    : "This key sent more requests than its plan allows; retry after the time in Retry-After.";
                await Problems.Write(rejected.HttpContext, StatusCodes.Status429TooManyRequests, ProblemTypes.RateLimited, "Too many requests", detail);
            };
        });
        return services;
    }

    /// <summary>The plan's rate, carried as a claim by the key handler.</summary>
    private static int PerMinuteForKey(HttpContext context) =>
        int.TryParse(context.User.FindFirst(ApiClaims.RequestsPerMinute)?.Value, CultureInfo.InvariantCulture, out var rate) ? rate : 120;
}
