using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace SampleMind.Api;

/// <summary>
/// What every operation of the OpenAPI document shares and the endpoints' own metadata does not say: an
/// <c>operationId</c> derived from the method and route; a parameter's closed set of values (<c>[AllowedValues]</c>) as
/// its schema's <c>enum</c> (descriptions, bounds and defaults come from the handlers' parameters); the API key (a bearer
/// token, or <c>X-Api-Key</c>) on every endpoint that needs one; and the problem+json answers any endpoint may give
/// (docs/api.md, Errors): 401 and 403 where a key is needed, 404 where the path names something, 400 everywhere (an
/// unknown query parameter is refused), 413 and 415 where it takes a body, 429 where requests are rate-limited, 500 and
/// 503 everywhere (endpoints that answer 409 say so themselves).
/// Problem bodies carry <c>traceId</c> and may carry more members (RFC 9457 extensions), so their schemas allow
/// properties they do not list. Code generators then send the key and read the error bodies.
/// </summary>
internal static class OpenApiConventions
{
    /// <summary>The scheme of <c>Authorization: Bearer smk_...</c>.</summary>
    public const string BearerSchemeName = "bearer";

    /// <summary>The scheme of <c>X-Api-Key: smk_...</c>, which the host takes as well.</summary>
    public const string ApiKeySchemeName = "apiKey";

    public const string ProblemSchemaName = "Problem";

    public static void Apply(OpenApiOptions options)
    {
        var include = options.ShouldInclude;
        options.ShouldInclude = description => include(description) && !HeadRequests.IsAddedHead(description);
        options.AddOperationTransformer((operation, context, _) =>
        {
            operation.OperationId ??= OperationId(context.Description.HttpMethod ?? "get", context.Description.RelativePath ?? "");
            DeclareAllowedValues(operation, context);
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var needsKey = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
            if (needsKey)
            {
                // Either header: two requirements, each alone enough.
                operation.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerSchemeName, context.Document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeySchemeName, context.Document)] = [] },
                ];
                AddProblem(operation, context, "401", "No API key, or a malformed, unknown or revoked one, or more than one Authorization header");
                AddProblem(operation, context, "403", "The key lacks the scope the endpoint needs, or names another tenant");
            }

            if (context.Description.ParameterDescriptions.Any(p => p.Source == BindingSource.Path))
            {
                AddProblem(operation, context, "404", "Nothing of that id for this tenant");
            }

            // Every endpoint refuses a query parameter it does not take, so any request can be a 400.
            AddProblem(operation, context, "400", "A malformed request, a value that is not one the endpoint takes, or a query parameter it does not take (the detail names it)");
            if (operation.RequestBody is not null)
            {
                AddProblem(operation, context, "413", "The body is over its limit (Api:MaxJsonBodyBytes for JSON)");
                AddProblem(operation, context, "415", "A body in a media type the endpoint does not take, or with a Content-Encoding other than identity");
            }

            if (!metadata.OfType<DisableRateLimitingAttribute>().Any())
            {
                AddProblem(operation, context, "429", "Too many requests for the key's plan (Retry-After), or the plan's monthly quota is used up");
            }

            AddProblem(operation, context, "500", "The server failed; the log has the error with the request id");
            AddProblem(operation, context, "503", "The cluster could not serve the request just then (Retry-After: 2)");
            return Task.CompletedTask;
        });
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (schema is OpenApiSchema problem && context.JsonTypeInfo.Type.IsAssignableTo(typeof(ProblemDetails)))
            {
                // The API's JSON refuses request members it does not know, which the schemas say with additionalProperties:
                // false; a problem is an answer, and carries traceId and may carry extensions.
                AllowExtensions(problem);
            }

            return Task.CompletedTask;
        });
        options.AddDocumentTransformer((document, _, _) =>
        {
            // No servers: the document is served by the API it describes, which OpenAPI reads as "this server". The
            // generator filled them from the request's Host header, so a forged Host went into the document.
            document.Servers = [];
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerSchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "smk_<key id>_<secret>",
                Description = "A tenant's API key with the scopes the endpoint needs: `Authorization: Bearer smk_...` (one Authorization header).",
            };
            document.Components.SecuritySchemes[ApiKeySchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "X-Api-Key",
                Description = "The same key in `X-Api-Key: smk_...`, taken when no Authorization header names a Bearer key.",
            };
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            var problem = new OpenApiSchema
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
            AllowExtensions(problem);
            document.Components.Schemas[ProblemSchemaName] = problem;
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

    /// <summary>
    /// The operation's id from its method and route: <c>GET v1/jobs/{jobId}/results</c> is <c>getJobsByJobIdResults</c>
    /// (the version left out, a route value as <c>By</c> and its name). A method and route name one operation, so the ids
    /// are unique as long as no two routes differ only in case or punctuation.
    /// </summary>
    public static string OperationId(string method, string route)
    {
        var id = new StringBuilder(method.ToLowerInvariant());
        foreach (var segment in route.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == "v1")
            {
                continue;
            }

            var name = segment;
            if (segment.StartsWith('{'))
            {
                id.Append("By");
                name = segment.Trim('{', '}').Split(':', '=', '?')[0];
            }

            foreach (var word in name.Split('-', '_', '.'))
            {
                if (word.Length > 0)
                {
                    id.Append(char.ToUpperInvariant(word[0])).Append(word.AsSpan(1));
                }
            }
        }

        return id.ToString();
    }

    /// <summary>
    /// A parameter's <see cref="AllowedValuesAttribute"/> as its schema's <c>enum</c>, which the framework leaves out (it
    /// reads <c>[Description]</c>, <c>[Range]</c> and <c>[DefaultValue]</c>). Only for a set the server matches exactly:
    /// values it takes in any case are described instead, so that a generated client does not refuse them.
    /// </summary>
    private static void DeclareAllowedValues(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        foreach (var parameter in context.Description.ParameterDescriptions)
        {
            if (parameter.ParameterDescriptor is IParameterInfoParameterDescriptor { ParameterInfo: var info }
                && info.GetCustomAttribute<AllowedValuesAttribute>() is { } allowed
                && operation.Parameters?.FirstOrDefault(p => p.Name == parameter.Name)?.Schema is OpenApiSchema schema)
            {
                schema.Enum = [.. allowed.Values.Select(value => (JsonNode)JsonValue.Create(value?.ToString())!)];
            }
        }
    }

    /// <summary>A problem carries <c>traceId</c> (the log's id of the request) and may carry further members.</summary>
    private static void AllowExtensions(OpenApiSchema problem)
    {
        problem.AdditionalPropertiesAllowed = true;
        problem.AdditionalProperties = null;
        problem.Properties ??= new Dictionary<string, IOpenApiSchema>();
        problem.Properties["traceId"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "The id the server's log gives this request (W3C trace context when tracing is on)",
        };
    }
}
