using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace SampleMind.Api;

/// <summary>
/// What every operation of the OpenAPI document shares and the endpoints' own metadata does not say: the API key
/// (a bearer token, or <c>X-Api-Key</c>) on every endpoint that needs one, and the problem+json answers any endpoint
/// may give (docs/api.md, Errors): 401 and 403 where a key is needed, 404 where the path names something, 400 where the
/// request carries values, 413 where it carries a body, 429 where requests are rate-limited, 500 and 503 everywhere
/// (endpoints that answer 409 say so themselves). Code generators then send the key and know the error bodies.
/// </summary>
internal static class OpenApiConventions
{
    public const string SecuritySchemeName = "apiKey";

    public const string ProblemSchemaName = "Problem";

    public static void Apply(OpenApiOptions options)
    {
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var needsKey = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
            if (needsKey)
            {
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecuritySchemeName, context.Document)] = [] }];
                AddProblem(operation, context, "401", "No API key, or a malformed, unknown or revoked one");
                AddProblem(operation, context, "403", "The key lacks the scope the endpoint needs, or names another tenant");
            }

            if (context.Description.ParameterDescriptions.Any(p => p.Source == BindingSource.Path))
            {
                AddProblem(operation, context, "404", "Nothing of that id for this tenant");
            }

            if (context.Description.ParameterDescriptions.Count > 0 || operation.RequestBody is not null)
            {
                AddProblem(operation, context, "400", "A malformed request or a value that is not one the endpoint takes (the detail names it)");
            }

            if (operation.RequestBody is not null)
            {
                AddProblem(operation, context, "413", "The body is over its limit (Api:MaxJsonBodyBytes for JSON)");
            }

            if (metadata.OfType<EnableRateLimitingAttribute>().Any() && !metadata.OfType<DisableRateLimitingAttribute>().Any())
            {
                AddProblem(operation, context, "429", "Too many requests for the key's plan (Retry-After), or the plan's monthly quota is used up");
            }

            AddProblem(operation, context, "500", "The server failed; the log has the error with the request id");
            AddProblem(operation, context, "503", "The cluster could not serve the request just then (Retry-After: 2)");
            return Task.CompletedTask;
        });
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SecuritySchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "smk_<key id>_<secret>",
                Description = "A tenant's API key with the scopes the endpoint needs; `X-Api-Key: smk_...` is taken as well.",
            };
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[ProblemSchemaName] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "RFC 9457 problem details",
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                    ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["errors"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "Per field, its problems (validation problems)" },
                },
                Required = new HashSet<string> { "type", "title", "status" },
            };
            return Task.CompletedTask;
        });
    }

    /// <summary>Adds a problem+json answer of <paramref name="status"/> to the operation, unless it has one.</summary>
    public static void AddProblem(OpenApiOperation operation, OpenApiOperationTransformerContext context, string status, string description)
    {
        operation.Responses ??= [];
        if (operation.Responses.ContainsKey(status))
        {
            return;
        }

        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchemaName, context.Document) },
            },
        };
    }
}
