using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using SampleMind.Runtime;
using SampleMind.Runtime.Cluster;

namespace SampleMind.Api.Errors;

/// <summary>
/// Turns exceptions that escape an endpoint into problem+json: malformed requests are 400s with
/// the parser's reason; a grain call the cluster could not serve just then (no silo for it, its partition moving, its
/// activation being reloaded from storage, no answer in time) or a database that failed in a way that passes (down,
/// restarting, a connection dropped: the provider calls it transient) is a 503 with <c>Retry-After</c>, so clients retry
/// instead of reading it as a bug; anything else is a 500. Neither body says anything about internals; both are logged with the request id and the body's trace id.
/// </summary>
internal sealed partial class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The serializer refuses an unknown property, a duplicate or a value of another type as it reads it, before it
        // reaches the end: a body that is also cut short, or that goes on past its value, is malformed JSON first.
        if ((exception as JsonException ?? (exception as BadHttpRequestException)?.InnerException as JsonException) is { } refused
            && FrameworkMessages.JsonTitle(refused) != FrameworkMessages.MalformedJsonTitle
            && await MalformedJsonCheck.ParseErrorAsync(httpContext.Request, cancellationToken) is { } malformed)
        {
            exception = malformed;
        }

        var (status, type, title, detail) = exception switch
        {
            BadHttpRequestException bad when bad.InnerException is JsonException json =>
                (StatusCodes.Status400BadRequest, ProblemTypes.BadRequest, FrameworkMessages.JsonTitle(json), FrameworkMessages.ForJson(json)),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (StatusCodes.Status413PayloadTooLarge, ProblemTypes.PayloadTooLarge, "Content Too Large", ProblemDefaults.TooLarge(httpContext)),
            // A large body that stopped coming (IdleBodyStream): the message says how long and which setting.
            BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout } bad =>
                (StatusCodes.Status408RequestTimeout, ProblemTypes.RequestTimeout, "Request timeout", bad.Message),
            // Binding a JSON body sent with no content type or another one (routing answers only for a type it can match).
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
                (StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType, Problems.UnsupportedMediaTypeTitle,
                    ProblemDefaults.UnsupportedMediaType(httpContext)),
            BadHttpRequestException bad => (bad.StatusCode, ProblemTypes.BadRequest, "Bad request", FrameworkMessages.ForBinding(bad.Message, httpContext.Request.Query)),
            JsonException json => (StatusCodes.Status400BadRequest, ProblemTypes.BadRequest, FrameworkMessages.JsonTitle(json), FrameworkMessages.ForJson(json)),
            SiloUnavailableException or StaleLeaseException or StaleActivationException or GrainCallTimeoutException =>
                (StatusCodes.Status503ServiceUnavailable, ProblemTypes.Unavailable, "Service unavailable",
                    "The cluster could not serve this request just now (a silo starting, stopping or unreachable, or its data moving between silos or being reloaded from storage); retry in a moment."),
            _ when Transient(exception) =>
                (StatusCodes.Status503ServiceUnavailable, ProblemTypes.Unavailable, "Service unavailable",
                    "The cluster's database could not be reached just now (restarting or unreachable); retry in a moment."),
            _ => (StatusCodes.Status500InternalServerError, ProblemTypes.Internal, "Internal error",
                "The server failed to handle the request; the error was logged with the request id."),
        };
        // The problem body's traceId (the request's W3C trace id where one runs) and the server's request id.
        var traceId = Activity.Current?.Id ?? httpContext.TraceIdentifier;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            // Expected while a silo or the database is away, and answered with Retry-After: one line, no stack trace.
            LogUnavailable(logger, httpContext.TraceIdentifier, traceId, exception.GetType().Name, exception.Message);
        }
        else if (status >= 500)
        {
            LogUnhandled(logger, httpContext.TraceIdentifier, traceId, exception);
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
        }

        await Problems.Write(httpContext, status, type, title, detail);
        return true;
    }

    /// <summary>
    /// An exception that says the cluster could not serve a grain call just then (a 503 to retry): no silo for it, its
    /// partition moving, its activation being reloaded, no answer in time, or a transient database failure.
    /// </summary>
    internal static bool Unavailable(Exception exception) =>
        exception is SiloUnavailableException or StaleLeaseException or StaleActivationException or GrainCallTimeoutException || Transient(exception);

    /// <summary>
    /// A database failure its provider calls transient, the exception itself or one it wraps (a grain call's), or one on
    /// the silo that ran a grain call (<see cref="StorageUnavailableException"/>).
    /// </summary>
    private static bool Transient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is StorageUnavailableException)
            {
                return true;
            }
        }

        return StorageUnavailableException.TransientCause(exception) is not null;
    }

    /// <summary>The <c>Retry-After</c> of a 503: a partition moves or a silo's lease expires within seconds.</summary>
    private const string RetryAfterSeconds = "2";

    [LoggerMessage(EventId = 7001, Level = LogLevel.Error, Message = "Unhandled error in request {RequestId} (traceId {TraceId})")]
    private static partial void LogUnhandled(ILogger logger, string requestId, string traceId, Exception exception);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning,
        Message = "Request {RequestId} (traceId {TraceId}) answered 503 to retry: {ExceptionType}: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string requestId, string traceId, string exceptionType, string reason);
}
