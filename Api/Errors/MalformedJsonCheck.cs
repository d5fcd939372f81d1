using System.Text.Json;

namespace SampleMind.Api.Errors;

/// <summary>
/// Tells a JSON body that is not JSON from JSON the endpoint does not take. The serializer parses a body as it reads it and
/// refuses a property the endpoint has no place for as soon as it reads the name, before the rest: so <c>{"libraryId":</c>
/// (cut short) was answered as an unknown property. JSON bodies are buffered (they are at most <c>Api:MaxJsonBodyBytes</c>),
/// so that such a refusal can read the whole body again and be answered "Malformed JSON" when the body is not JSON.
/// </summary>
internal static class MalformedJsonCheck
{
    /// <summary>Buffers every JSON request body, so that <see cref="ParseErrorAsync"/> can read it again.</summary>
    public static IApplicationBuilder UseJsonBodyBuffering(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Request.HasJsonContentType())
            {
                context.Request.EnableBuffering();
            }

            return next(context);
        });

    /// <summary>
    /// Why the request's whole body is not well-formed JSON, or null when it is (or when it cannot be read again: not
    /// buffered, or over its limit, which the first read did not reach).
    /// </summary>
    public static async Task<JsonException?> ParseErrorAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.Body.CanSeek)
        {
            return null;
        }

        try
        {
            request.Body.Position = 0;
            using var document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
            return null;
        }
        catch (JsonException e)
        {
            return e;
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException)
        {
            return null;
        }
    }
}
