using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace SampleMind.Api.Errors;

/// <summary>
/// Turns exceptions that escape an endpoint into problem+json: malformed requests are 400s with
/// the parser's reason; anything else is a 500 whose body says nothing about internals.
/// </summary>
internal sealed partial class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, type, title, detail) = exception switch
        {
            BadHttpRequestException bad when bad.InnerException is JsonException json =>
                (StatusCodes.Status400BadRequest, ProblemTypes.BadRequest, "Malformed JSON", json.Message),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (StatusCodes.Status413PayloadTooLarge, ProblemTypes.PayloadTooLarge, "Payload too large", ProblemDefaults.TooLarge(httpContext)),
            BadHttpRequestException bad => (bad.StatusCode, ProblemTypes.BadRequest, "Bad request", bad.Message),
            JsonException json => (StatusCodes.Status400BadRequest, ProblemTypes.BadRequest, "Malformed JSON", json.Message),
            _ => (StatusCodes.Status500InternalServerError, ProblemTypes.Internal, "Internal error",
                "The server failed to handle the request; the error was logged with the request id."),
        };
        if (status >= 500)
        {
            LogUnhandled(logger, httpContext.TraceIdentifier, exception);
        }

        await Problems.Write(httpContext, status, type, title, detail);
        return true;
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Error, Message = "Unhandled error in request {RequestId}")]
    private static partial void LogUnhandled(ILogger logger, string requestId, Exception exception);
}
