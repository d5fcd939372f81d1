using Microsoft.OpenApi;

namespace SampleMind.Api.Endpoints;

/// <summary>
/// Declares in an endpoint's OpenAPI operation what <see cref="AudioFileConditions.Serve"/> answers: the file (200) or
/// one byte range of it (206) in its audio type, with its validators; 304 for a conditional request that names this
/// version; 412 and 416 problems.
/// </summary>
internal static class AudioFileOpenApi
{
    public static TBuilder DescribesAudioFile<TBuilder>(this TBuilder builder, params string[] contentTypes)
        where TBuilder : IEndpointConventionBuilder => builder.AddOpenApiOperationTransformer((operation, context, _) =>
        {
            operation.Responses ??= [];
            operation.Responses["200"] = new OpenApiResponse
            {
                Description = "The whole file (also when the Range has another unit, several ranges, or an If-Range of another version)",
                Content = Binary(contentTypes),
                Headers = Validators(),
            };
            var partial = Validators();
            partial["Content-Range"] = Header("The range sent: bytes <first>-<last>/<length>");
            operation.Responses["206"] = new OpenApiResponse
            {
                Description = "The one byte range asked for (Range: bytes=...)",
                Content = Binary(contentTypes),
                Headers = partial,
            };
            operation.Responses["304"] = new OpenApiResponse
            {
                Description = "If-None-Match or If-Modified-Since names this version of the file",
                Headers = Validators(),
            };
            OpenApiConventions.AddProblem(operation, context, "412", "If-Match or If-Unmodified-Since names another version of the file");
            OpenApiConventions.AddProblem(operation, context, "416", "The byte range lies past the file's end");
            if (operation.Responses["416"] is OpenApiResponse unsatisfiable)
            {
                unsatisfiable.Headers = new Dictionary<string, IOpenApiHeader> { ["Content-Range"] = Header("bytes */<length>: the file's length") };
            }

            return Task.CompletedTask;
        });

    private static Dictionary<string, OpenApiMediaType> Binary(string[] contentTypes) => contentTypes.ToDictionary(
        type => type, _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } });

    private static Dictionary<string, IOpenApiHeader> Validators() => new()
    {
        ["ETag"] = Header("Strong: the file's length and modification time"),
        ["Last-Modified"] = Header("The file's modification time"),
        ["Accept-Ranges"] = Header("bytes"),
    };

    private static OpenApiHeader Header(string description) =>
        new() { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
}
