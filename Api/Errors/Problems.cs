using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace SampleMind.Api.Errors;

/// <summary>Writes and builds problem+json answers (RFC 9457) with a type and a human sentence.</summary>
internal static class Problems
{
    /// <summary>The title of every 415, the framework's included.</summary>
    public const string UnsupportedMediaTypeTitle = "Unsupported media type";

    public static Task Write(HttpContext context, int status, string type, string title, string detail)
    {
        context.Response.StatusCode = status;
        return WriteJson(context, new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail });
    }

    /// <summary>
    /// Writes <paramref name="problem"/> as <c>application/problem+json</c> with the <c>traceId</c> the framework's problems
    /// carry (the id that the log's lines of this request have), unless it has one.
    /// </summary>
    public static Task WriteJson(HttpContext context, ProblemDetails problem)
    {
        problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? context.TraceIdentifier);
        return problem is HttpValidationProblemDetails validation
            ? context.Response.WriteAsJsonAsync(validation, ApiJsonContext.Default.HttpValidationProblemDetails, "application/problem+json")
            : context.Response.WriteAsJsonAsync(problem, ApiJsonContext.Default.ProblemDetails, "application/problem+json");
    }

    /// <summary>A 400 validation problem whose <c>errors</c> name <paramref name="field"/> (and whose detail is the message).</summary>
    public static ValidationProblem Invalid(string field, string message) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { [field] = [message] }, detail: message, type: ProblemTypes.Validation);

    /// <summary>
    /// A 400 validation problem whose <c>errors</c> are <paramref name="errors"/> and whose detail is their messages in
    /// field order (<see cref="ValidationDetail"/>), so that a client showing the detail shows the reasons.
    /// </summary>
    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: ValidationDetail(errors), type: ProblemTypes.Validation);

    /// <summary>The detail of a validation problem: every message of <paramref name="errors"/>, in field order.</summary>
    public static string ValidationDetail(IEnumerable<KeyValuePair<string, string[]>> errors) =>
        string.Join(" ", errors.SelectMany(field => field.Value));

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found", type: ProblemTypes.NotFound);

    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request", type: ProblemTypes.BadRequest);

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict", type: ProblemTypes.Conflict);

    public static ProblemHttpResult IdempotencyKeyReused(string detail) => TypedResults.Problem(
        detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key reused", type: ProblemTypes.IdempotencyKeyReused);

    public static ProblemHttpResult UnsupportedMediaType(string detail) => TypedResults.Problem(
        detail, statusCode: StatusCodes.Status415UnsupportedMediaType, title: UnsupportedMediaTypeTitle, type: ProblemTypes.UnsupportedMediaType);

    public static ProblemHttpResult QuotaExceeded(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Quota exceeded", type: ProblemTypes.QuotaExceeded);

    public static ProblemHttpResult RangeNotSatisfiable(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status416RangeNotSatisfiable, title: "Range not satisfiable", type: ProblemTypes.RangeNotSatisfiable);

    public static ProblemHttpResult PreconditionFailed(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status412PreconditionFailed, title: "Precondition failed", type: ProblemTypes.PreconditionFailed);

    public static ProblemHttpResult TooLarge(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Content Too Large", type: ProblemTypes.PayloadTooLarge);
}
