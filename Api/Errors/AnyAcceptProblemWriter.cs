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
        context.ProblemDetails.Status ??= context.HttpContext.Response.StatusCode;
        options.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(Problems.WriteJson(context.HttpContext, context.ProblemDetails));
    }
}
