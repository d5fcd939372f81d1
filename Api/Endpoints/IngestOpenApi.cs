using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace SampleMind.Api.Endpoints;

/// <summary>
/// Declares in the OpenAPI operation of <c>POST /v1/libraries/{libraryId}/ingests</c> what its handler reads itself and
/// the generator cannot see: each query option of an upload or a text manifest (<see cref="IngestQuery.Options"/>), with
/// the bounds, values and defaults <see cref="IngestValidation"/> holds it to, and a schema for each media type of the body
/// (<see cref="IngestApi.BodyTypes"/>): the JSON source, a text manifest, a multipart form of files, an archive's bytes.
/// Without them a generated client could not send an upload or its options.
/// </summary>
internal static class IngestOpenApi
{
    private const string UploadsOnly = "Uploads and text manifests only (a JSON ingest takes it in its body)";

    public static TBuilder DescribesIngestForms<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.AddOpenApiOperationTransformer((operation, context, _) =>
        {
            operation.Parameters ??= [];
            foreach (var name in IngestQuery.Options)
            {
                operation.Parameters.Add(QueryOption(name));
            }

            var json = operation.RequestBody?.Content is { } generated && generated.TryGetValue("application/json", out var media) ? media : null;
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "A JSON source (a server-side folder, or a manifest of up to Api:MaxJsonBodyBytes), options in the body; " +
                    "a text manifest, options and root in the query; or an upload (a multipart form of files, a zip, a tar, " +
                    "a tar.gz as application/gzip), options in the query, up to Ingest:MaxUploadBytes",
                Content = IngestApi.BodyTypes.ToDictionary(type => type, type => Body(type, json)),
            };
            operation.Responses ??= [];
            operation.Responses.Remove("413");
            OpenApiConventions.AddProblem(operation, context, "413",
                "The body is over its limit: Api:MaxJsonBodyBytes for JSON, Ingest:MaxUploadBytes, MaxFileBytes or MaxFilesPerJob for an " +
                "upload or a text manifest, or a JSON manifest of more than Ingest:MaxFilesPerJob files");
            return Task.CompletedTask;
        });

    /// <summary>The query option <paramref name="name"/>: its one-line description and its schema.</summary>
    private static OpenApiParameter QueryOption(string name) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Required = false,
        Description = name switch
        {
            IngestQuery.Level => $"{UploadsOnly}: how far each file is analysed, fast, standard or full, exactly so (default {IngestValidation.DefaultLevel})",
            IngestQuery.Priority => $"{UploadsOnly}: the job's rank among the tenant's own jobs, a whole number from " +
                $"{IngestValidation.MinPriority} (lowest) to {IngestValidation.MaxPriority} (highest) (default {IngestValidation.DefaultPriority})",
            IngestQuery.Label => $"{UploadsOnly}: a label put on every sample of the job (repeatable): up to {IngestValidation.MaxLabels}, " +
                $"each 1-{IngestValidation.MaxLabelLength} characters without control characters",
            IngestQuery.WebhookUrl => $"{UploadsOnly}: an http(s) URL, without credentials, that gets a signed POST when the job ends, is cancelled, " +
                "paused or resumed (not a private or loopback address unless Webhooks:AllowPrivateNetworks is set)",
            IngestQuery.Root => "Text manifests (text/plain) only, and needed there: the absolute folder inside this tenant's ingest roots " +
                "that the manifest's paths are relative to (an upload with it is a 400)",
            _ => throw new InvalidOperationException($"The ingest query option '{name}' has no description."),
        },
        Schema = name switch
        {
            IngestQuery.Level => new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [.. IngestValidation.Levels.Select(level => (JsonNode)JsonValue.Create(level))],
                Default = JsonValue.Create(IngestValidation.DefaultLevel),
            },
            IngestQuery.Priority => new OpenApiSchema
            {
                Type = JsonSchemaType.Integer,
                Format = "int32",
                Minimum = $"{IngestValidation.MinPriority}",
                Maximum = $"{IngestValidation.MaxPriority}",
                Default = JsonValue.Create(IngestValidation.DefaultPriority),
            },
            IngestQuery.Label => new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                MaxItems = IngestValidation.MaxLabels,
                Items = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IngestValidation.MaxLabelLength },
            },
            IngestQuery.WebhookUrl => new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri" },
            _ => new OpenApiSchema { Type = JsonSchemaType.String },
        },
    };

    /// <summary>The body of <paramref name="type"/>: the generated JSON source schema, a manifest's text, or files' bytes.</summary>
    private static OpenApiMediaType Body(string type, OpenApiMediaType? json) => type switch
    {
        "application/json" => json ?? throw new InvalidOperationException("The ingest's JSON body has no schema."),
        "text/plain" => new OpenApiMediaType
        {
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "One path a line, relative to the query's root" },
        },
        "multipart/form-data" => new OpenApiMediaType
        {
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "File parts, under any field name; a part's file name is its path in the library and may hold folders (kit/kick.wav)",
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["files"] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Array,
                        Items = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                    },
                },
            },
        },
        "application/zip" => Archive("A zip archive; each entry's name is its path in the library"),
        "application/x-tar" => Archive("A tar archive (ustar, GNU or PAX); each entry's name is its path in the library"),
        "application/gzip" => Archive("A tar archive compressed with gzip (a tar.gz); each entry's name is its path in the library"),
        _ => throw new InvalidOperationException($"The ingest's body type '{type}' has no schema."),
    };

    private static OpenApiMediaType Archive(string description) =>
        new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = description } };
}
