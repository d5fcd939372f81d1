using Microsoft.OpenApi;

namespace SampleMind.Api.Idempotency;

/// <summary>Declares that an endpoint takes <see cref="IdempotencyKey.HeaderName"/>, in its OpenAPI operation.</summary>
internal static class IdempotencyKeyOpenApi
{
    /// <summary>
    /// Adds the optional header parameter, the <see cref="IdempotencyKey.ReplayedHeaderName"/> header of its
    /// <paramref name="acceptedStatus"/> answer, and the 422 of a reused key to the endpoint's OpenAPI operation.
    /// </summary>
    public static TBuilder AcceptsIdempotencyKey<TBuilder>(this TBuilder builder, string acceptedStatus = "202")
        where TBuilder : IEndpointConventionBuilder => builder.AddOpenApiOperationTransformer((operation, context, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = IdempotencyKey.HeaderName,
                In = ParameterLocation.Header,
                Required = false,
                Description = "Optional: 1-255 printable ASCII characters naming this request, unique per tenant and endpoint. " +
                    "Sending it again with the same request answers the first outcome, marked Idempotent-Replayed: true, " +
                    "and creates and charges nothing; with a different request it is a 422.",
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyKey.MaxLength, Pattern = "^[\\x21-\\x7E]+$",
                },
            });
            if (operation.Responses?.GetValueOrDefault(acceptedStatus) is OpenApiResponse accepted)
            {
                accepted.Headers ??= new Dictionary<string, IOpenApiHeader>();
                accepted.Headers[IdempotencyKey.ReplayedHeaderName] = new OpenApiHeader
                {
                    Description = "\"true\" when the answer is that of an earlier request with the same Idempotency-Key.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                };
            }

            OpenApiConventions.AddProblem(operation, context, "422", "The Idempotency-Key was used before for a different request");
            return Task.CompletedTask;
        });
}
