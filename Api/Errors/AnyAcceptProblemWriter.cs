using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace SampleMind.Api.Errors;

/// <summary>
/// Writes a problem whatever the request's <c>Accept</c> (the API's only format is JSON). The framework's writer takes only
/// requests that accept JSON; for the others (<c>Accept: application/xml</c>, <c>text/csv</c>) the framework wrote the
/// problem itself, without <see cref="ProblemDetailsOptions.CustomizeProblemDetails"/> and without the <c>traceId</c> that
/// ties an answer to the log. Registered after the framework's writer, so it serves only those.
/// </summary>
internal sealed class AnyAcceptProblemWriter(IOptions<ProblemDetailsOptions> options) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Status ??= http.Response.StatusCode;
        problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? http.TraceIdentifier);
        options.Value.CustomizeProblemDetails?.Invoke(context);
        var written = problem is HttpValidationProblemDetails validation
            ? http.Response.WriteAsJsonAsync(validation, ApiJsonContext.Default.HttpValidationProblemDetails, "application/problem+json")
            : http.Response.WriteAsJsonAsync(problem, ApiJsonContext.Default.ProblemDetails, "application/problem+json");
        return new ValueTask(written);
    }
}
