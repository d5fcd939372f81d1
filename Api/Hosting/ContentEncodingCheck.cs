using Microsoft.AspNetCore.Http.Features;
using SampleMind.Api.Errors;

namespace SampleMind.Api;

/// <summary>
/// Refuses a request body sent with a <c>Content-Encoding</c> other than <c>identity</c> (<c>gzip</c>, <c>br</c>, ...):
/// a 415 problem naming it, for every endpoint. The host does not decompress request bodies, so a gzipped JSON body was
/// read as "Malformed JSON", a gzipped upload as a corrupt archive, and a plain body labelled <c>br</c> was taken as if
/// the label were not there. A request without a body (GET, an empty POST) passes whatever the header says.
/// </summary>
internal static class ContentEncodingCheck
{
    public static IApplicationBuilder UseContentEncodingCheck(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint() is not null && Refused(context) is { } encoding)
            {
                await Problems.Write(context, StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType,
                    Problems.UnsupportedMediaTypeTitle,
                    $"Content-Encoding '{encoding}' is not taken: send the body as it is, uncompressed (a tar.gz upload as application/gzip).");
                return;
            }

            await next(context);
        });

    /// <summary>The first content coding other than <c>identity</c> that the request's body has, else null.</summary>
    private static string? Refused(HttpContext context)
    {
        var header = context.Request.Headers.ContentEncoding;
        if (header.Count == 0 || context.Features.Get<IHttpRequestBodyDetectionFeature>() is not { CanHaveBody: true }
            || context.Request.ContentLength == 0)
        {
            return null;
        }

        foreach (var value in header)
        {
            foreach (var coding in (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!coding.Equals("identity", StringComparison.OrdinalIgnoreCase))
                {
                    return coding;
                }
            }
        }

        return null;
    }
}
