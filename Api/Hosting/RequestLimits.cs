using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using SampleMind.Api.Errors;

namespace SampleMind.Api;

/// <summary>
/// The API's limits on a request's size (<see cref="ApiOptions"/>), each answered with problem+json. Kestrel answers a
/// request over one of its own limits itself, with an empty body, before any of the host's code runs; so Kestrel's limits on
/// the request line and headers are set to <see cref="KestrelHeadroom"/> times the API's, and the API's are checked here
/// (414, 431 with a body that names the limit and its setting). Past the headroom Kestrel's bare 414 or 431 still bounds
/// what a connection may make the server hold. The body limit is Kestrel's own (<c>Api:MaxJsonBodyBytes</c> for every
/// request), which the endpoints that take uploads raise for their request (<see cref="AllowBody"/>); a body over it fails
/// as it is read, and <see cref="ProblemExceptionHandler"/> answers 413.
/// </summary>
internal static class RequestLimits
{
    /// <summary>How many times the API's request head limits Kestrel allows before it refuses a request itself.</summary>
    public const int KestrelHeadroom = 4;

    /// <summary>The request line beyond its target: the method, two spaces, the version and the line end.</summary>
    private const int RequestLineOverhead = 64;

    public static void ConfigureKestrel(KestrelServerOptions kestrel, ApiOptions api)
    {
        kestrel.Limits.MaxRequestBodySize = api.MaxJsonBodyBytes;
        kestrel.Limits.MaxRequestLineSize = api.MaxRequestTargetBytes * KestrelHeadroom + RequestLineOverhead;
        kestrel.Limits.MaxRequestHeadersTotalSize = api.MaxRequestHeadersBytes * KestrelHeadroom;
        kestrel.Limits.MaxRequestHeaderCount = api.MaxRequestHeaderCount * KestrelHeadroom;
    }

    /// <summary>
    /// Lets this request's body be up to <paramref name="maxBytes"/> (an upload), where the server enforces a limit, and
    /// makes a read of it that waits longer than <see cref="ApiOptions.BodyIdleTimeout"/> a 408 (<see cref="IdleBodyStream"/>).
    /// Called before anything else replaces the request's body; a second call only sets the limit.
    /// </summary>
    public static void AllowBody(HttpContext context, long maxBytes)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        if (context.Features.Get<IdleBodyStream>() is null)
        {
            // The server's reader, read before anything wraps the body: a reader over a wrapper would end a quiet read by
            // canceling the server's stream through its token, which leaves the server's body unable to drain.
            var idleTimeout = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.BodyIdleTimeout;
            var body = new IdleBodyStream(context.Request.Body, context.Request.BodyReader, idleTimeout);
            context.Features.Set(body);
            context.Request.Body = body;
        }
    }

    /// <summary>Answers 414 or 431 with problem+json to a request whose target or headers are over the API's limits.</summary>
    public static IApplicationBuilder UseRequestHeadLimits(this IApplicationBuilder app, ApiOptions api) =>
        app.Use(async (context, next) =>
        {
            if (Refusal(context, api) is { } refusal)
            {
                await Problems.Write(context, refusal.Status, refusal.Type, refusal.Title, refusal.Detail);
                return;
            }

            await next(context);
        });

    private static (int Status, string Type, string Title, string Detail)? Refusal(HttpContext context, ApiOptions api)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw.Length
            : (context.Request.PathBase.Value?.Length ?? 0) + (context.Request.Path.Value?.Length ?? 0) + (context.Request.QueryString.Value?.Length ?? 0);
        if (target > api.MaxRequestTargetBytes)
        {
            return (StatusCodes.Status414UriTooLong, ProblemTypes.UriTooLong, "URI too long",
                $"The request's path and query are {target} bytes; this API takes at most {api.MaxRequestTargetBytes} (Api:MaxRequestTargetBytes). " +
                "Send long lists in a JSON body.");
        }

        var lines = 0;
        var bytes = 0L;
        foreach (var (name, values) in context.Request.Headers)
        {
            foreach (var value in values)
            {
                lines++;
                bytes += name.Length + (value?.Length ?? 0) + 4; // "name: value\r\n"
            }
        }

        if (lines > api.MaxRequestHeaderCount)
        {
            return (StatusCodes.Status431RequestHeaderFieldsTooLarge, ProblemTypes.HeadersTooLarge, "Request headers too large",
                $"The request has {lines} header lines; this API takes at most {api.MaxRequestHeaderCount} (Api:MaxRequestHeaderCount).");
        }

        return bytes > api.MaxRequestHeadersBytes
            ? (StatusCodes.Status431RequestHeaderFieldsTooLarge, ProblemTypes.HeadersTooLarge, "Request headers too large",
                $"The request's headers are {bytes} bytes; this API takes at most {api.MaxRequestHeadersBytes} (Api:MaxRequestHeadersBytes).")
            : null;
    }
}
