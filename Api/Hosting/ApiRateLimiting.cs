using System.Globalization;
using System.Threading.RateLimiting;
using SampleMind.Api.Auth;
using SampleMind.Api.Errors;

namespace SampleMind.Api;

/// <summary>
/// Rate limits per API key (token bucket refilled each second from the per-minute rate) and per
/// client address for unauthenticated requests. A refusal is a 429 problem+json with Retry-After.
/// </summary>
internal static class ApiRateLimiting
{
    public const string PolicyName = "per-key";

    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services, Func<IServiceProvider, ApiOptions> options)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(PolicyName, context =>
            {
                var keyId = context.User.GetKeyId();
                var perMinute = keyId is null
                    ? options(context.RequestServices).AnonymousRequestsPerMinute
                    : PerMinuteForKey(context);
                var partition = keyId ?? "ip:" + context.Connection.RemoteIpAddress;
                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(1, perMinute / 2),
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

                await Problems.Write(rejected.HttpContext, StatusCodes.Status429TooManyRequests, ProblemTypes.RateLimited,
                    "Too many requests", "This key sent more requests than its plan allows; retry after the time in Retry-After.");
            };
        });
        return services;
    }

    /// <summary>The plan's rate, carried as a claim by the key handler.</summary>
    private static int PerMinuteForKey(HttpContext context) =>
        int.TryParse(context.User.FindFirst(ApiClaims.RequestsPerMinute)?.Value, CultureInfo.InvariantCulture, out var rate) ? rate : 120;
}
