using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SampleMind.Api.Auth;
using SampleMind.Api.Endpoints;
using SampleMind.Api.Errors;
using SampleMind.Audio;
using SampleMind.Audio.Errors;
using SampleMind.Grains.Abstractions.Search;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Runtime;

namespace SampleMind.Api.Search;

/// <summary>
/// <c>POST /v1/libraries/{id}/search/humming</c>: the body is a recorded hum (any format the analysis decodes, at
/// most <see cref="MaxBytes"/> bytes and <see cref="MaxSeconds"/> seconds); its pitch contour is matched against the
/// library's melodic samples.
/// </summary>
internal static class HummingApi
{
    /// <summary>Largest accepted body (8 MiB).</summary>
    public const long MaxBytes = 8L << 20;

    /// <summary>Longest accepted hum.</summary>
    public const double MaxSeconds = 30;

    private const int MaxK = 100;

    private const int DefaultK = 10;

    /// <summary>The bytes one read of the body takes.</summary>
    private const int ReadBufferBytes = 81920;

    public static RouteGroupBuilder MapHummingApi(this RouteGroupBuilder v1)
    {
        v1.MapPost("/libraries/{libraryId}/search/humming", SearchAsync).WithTags("Search")
            .WithSummary("Query by humming: upload a hummed or sung clip (≤ 8 MiB, ≤ 30 s); melodic samples whose tune matches, in any key and tempo")
            .AddOpenApiOperationTransformer(DescribeClip).RequireScope(ApiScope.Search);
        return v1;
    }

    /// <summary>The body (the clip's bytes, audio/* or application/octet-stream: they are decoded as audio) and its 413, 415 and 422.</summary>
    private static Task DescribeClip(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var clip = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = $"The hummed or sung clip: WAV, FLAC, OGG, MP3, ..., at most {MaxBytes >> 20} MiB and {MaxSeconds:0} seconds",
            Content = new Dictionary<string, OpenApiMediaType> { ["audio/*"] = clip, ["application/octet-stream"] = clip },
        };
        operation.Responses ??= [];
        operation.Responses.Remove("413");
        OpenApiConventions.AddProblem(operation, context, "413", $"The clip is over {MaxBytes >> 20} MiB or {MaxSeconds:0} seconds");
        OpenApiConventions.AddProblem(operation, context, "422", "No melody is heard in the clip (title \"No melody\")");
        OpenApiConventions.AddProblem(operation, context, "415",
            "A body with no content type or one other than audio/* and application/octet-stream, or a Content-Encoding other than identity");
        return Task.CompletedTask;
    }

    internal static async Task<Results<Ok<SearchResponse>, ValidationProblem, ProblemHttpResult>> SearchAsync(
        [Description(ParameterDescriptions.LibraryId)] string libraryId, HttpContext context, IGrainFactory grains, AudioAnalyzer analyzer,
        [Description(ParameterDescriptions.K), Range(1, MaxK)] int k = DefaultK)
    {
        if (!Identifiers.IsValid(libraryId))
        {
            return Problems.BadRequest(Identifiers.NotALibraryId(libraryId));
        }

        if (k is < 1 or > MaxK)
        {
            return Problems.Invalid("k", $"k is 1 to {MaxK}.");
        }

        if (!IsClipType(context.Request.ContentType))
        {
            var sent = string.IsNullOrEmpty(context.Request.ContentType) ? "no content type" : $"'{context.Request.ContentType}'";
            return Problems.UnsupportedMediaType(
                $"The hum came with {sent}: send the clip's bytes as audio/* (audio/wav, audio/mpeg, ...) or application/octet-stream.");
        }

        if (context.Request.ContentLength > MaxBytes)
        {
            return Problems.TooLarge($"A hum is at most {MaxBytes >> 20} MiB.");
        }

        var tenant = context.User.GetTenantId();
        if (!await SearchApi.IsSearchableAsync(grains, tenant, libraryId))
        {
            return Problems.NotFound($"There is no searchable library '{libraryId}'.");
        }

        var path = Path.Combine(Path.GetTempPath(), "samplemind-hum-" + Guid.NewGuid().ToString("N"));
        try
        {
            // The server's limit lies one read past ours, so that the loop below, not the server, finds a clip over it
            // (a chunked one has no length to check first) and answers with the hum's own limit.
            RequestLimits.AllowBody(context, MaxBytes + ReadBufferBytes);
            var received = await ReceiveAsync(context.Request.Body, path, context.RequestAborted);
            if (received == 0)
            {
                return Problems.BadRequest("The body is the hummed clip (audio bytes: WAV, FLAC, OGG, MP3, ...); it was empty.");
            }

            if (received > MaxBytes)
            {
                return Problems.TooLarge($"A hum is at most {MaxBytes >> 20} MiB.");
            }

            MelodyContour hum;
            try
            {
                hum = await Task.Run(() => analyzer.TrackMelodyFile(path, MaxSeconds, context.RequestAborted), context.RequestAborted);
            }
            catch (AudioTooLongException)
            {
                return Problems.TooLarge($"A hum is at most {MaxSeconds:0} seconds long.");
            }
            catch (AudioException)
            {
                return Problems.BadRequest("The body could not be decoded as audio (WAV, FLAC, OGG, MP3, ...).");
            }

            if (hum.Pitches.Count(p => p > 0) < 12)
            {
                return TypedResults.Problem(
                    "Too little pitch was heard in the clip to follow a melody; hum or sing the tune louder and longer.",
                    statusCode: StatusCodes.Status422UnprocessableEntity, title: "No melody", type: ProblemTypes.Validation);
            }

            var hits = await grains.GetGrain<ILibraryGrain>($"{tenant}/{libraryId}").Hum(new HumQuery(hum, k));
            return TypedResults.Ok(new SearchResponse(hits));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// True for the media types the document declares for a clip, audio/* and application/octet-stream, in any case and
    /// with any parameters: a form, a text or an image is not a recording, whatever the decoder would make of it.
    /// </summary>
    private static bool IsClipType(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && parsed.MediaType is { } type
        && (type.StartsWith("audio/", StringComparison.OrdinalIgnoreCase)
            || type.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase));

    /// <summary>Copies the body to <paramref name="path"/>, stopping one byte past the limit; returns the bytes seen.</summary>
    private static async Task<long> ReceiveAsync(Stream body, string path, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
        var buffer = new byte[ReadBufferBytes];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > MaxBytes)
            {
                return total;
            }

            await file.WriteAsync(buffer.AsMemory(0, read), ct);
        }

        return total;
    }
}
