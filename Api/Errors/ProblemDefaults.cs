using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace SampleMind.Api.Errors;

/// <summary>
/// Completes the problem bodies the framework writes on its own (a path no endpoint has: 404; a method the path does not
/// take: 405; a content type the endpoint does not take: 415; a body over the limit while an endpoint's parameters are
/// bound: 413), which come with the HTTP specification's type and no detail: this API's type for the status, and a
/// detail that says what was wrong. Bodies the endpoints write keep their own.
/// </summary>
internal static class ProblemDefaults
{
    private const string SpecificationTypes = "https://tools.ietf.org/";

    public static void Complete(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var http = context.HttpContext;
        var status = problem.Status ?? http.Response.StatusCode;
        if (problem.Type is null || problem.Type.StartsWith(SpecificationTypes, StringComparison.Ordinal))
        {
            problem.Type = TypeOf(status) ?? problem.Type;
        }

        if (status == StatusCodes.Status415UnsupportedMediaType)
        {
            problem.Title = Problems.UnsupportedMediaTypeTitle;
        }

        // A validation problem without a detail would repeat its title; its errors say what was wrong.
        if (problem is HttpValidationProblemDetails { Errors.Count: > 0 } validation)
        {
            problem.Detail ??= Problems.ValidationDetail(validation.Errors);
        }

        problem.Detail ??= DetailOf(status, http) ?? problem.Title;
    }

    private static string? TypeOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => ProblemTypes.BadRequest,
        StatusCodes.Status401Unauthorized => ProblemTypes.Unauthorized,
        StatusCodes.Status403Forbidden => ProblemTypes.Forbidden,
        StatusCodes.Status404NotFound => ProblemTypes.NotFound,
        StatusCodes.Status405MethodNotAllowed => ProblemTypes.MethodNotAllowed,
        StatusCodes.Status409Conflict => ProblemTypes.Conflict,
        StatusCodes.Status413PayloadTooLarge => ProblemTypes.PayloadTooLarge,
        StatusCodes.Status414UriTooLong => ProblemTypes.UriTooLong,
        StatusCodes.Status415UnsupportedMediaType => ProblemTypes.UnsupportedMediaType,
        StatusCodes.Status429TooManyRequests => ProblemTypes.RateLimited,
        StatusCodes.Status431RequestHeaderFieldsTooLarge => ProblemTypes.HeadersTooLarge,
        StatusCodes.Status500InternalServerError => ProblemTypes.Internal,
        _ => null,
    };

    private static string? DetailOf(int status, HttpContext http)
    {
        var request = http.Request;
        return status switch
        {
            StatusCodes.Status404NotFound when http.GetEndpoint() is null =>
                $"There is no endpoint at {request.Path}; the API's endpoints are listed in /openapi/v1.json.",
            StatusCodes.Status405MethodNotAllowed => $"{request.Path} does not take {request.Method}; /openapi/v1.json lists the methods it takes.",
            StatusCodes.Status413PayloadTooLarge => TooLarge(http),
            StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType(http),
            _ => null,
        };
    }

    /// <summary>The detail of a 413: the limit of this request, and the settings that set it.</summary>
    public static string TooLarge(HttpContext http) =>
        http.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } limit
            ? $"The request body is over {limit} bytes, the most this request may send " +
              "(Api:MaxJsonBodyBytes for JSON bodies; Ingest:MaxUploadBytes for uploads and text manifests)."
            : "The request body is over the most this request may send.";

    /// <summary>
    /// The detail of a 415: the content type sent, and those the endpoint takes when it is known (binding refused the
    /// body). Routing answers 415 itself when no endpoint of the path takes the content type, so the endpoint that would
    /// have run is not known there, and the document is named instead.
    /// </summary>
    public static string UnsupportedMediaType(HttpContext http)
    {
        var sent = string.IsNullOrEmpty(http.Request.ContentType) ? "no content type" : $"'{http.Request.ContentType}'";
        // The exception handler has cleared the endpoint by the time it runs, and keeps it in its feature.
        var endpoint = http.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint();
        var takes = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes;
        return takes is { Count: > 0 }
            ? $"The body came with {sent}, which {http.Request.Method} {http.Request.Path} does not take: send {string.Join(" or ", takes)}."
            : $"The body came with {sent}, which {http.Request.Method} {http.Request.Path} does not take; " +
              "/openapi/v1.json lists the content types each endpoint takes.";
    }
}
