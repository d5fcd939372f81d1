using System.Text.Json;
using System.Text.Json.Nodes;

namespace SampleMind.Api.Tests.Hosting;

/// <summary>
/// Checks a JSON value against a schema of an OpenAPI 3.1 document as a strict client would, for the keywords the API's
/// schemas use: <c>$ref</c> to a component, <c>oneOf</c> and <c>anyOf</c> (a nullable member's: one branch must hold),
/// <c>type</c>, <c>properties</c>, <c>required</c>, <c>additionalProperties</c> and <c>items</c>.
/// </summary>
internal static class SchemaCheck
{
    /// <summary>What in <paramref name="value"/> the schema does not allow, by JSON path; empty when it validates.</summary>
    public static List<string> Violations(JsonNode? value, JsonNode schema, JsonNode document)
    {
        var found = new List<string>();
        Check(value, schema, document, "$", found);
        return found;
    }

    private static void Check(JsonNode? value, JsonNode schema, JsonNode document, string at, List<string> found)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            var name = reference["#/components/schemas/".Length..];
            Check(value, document["components"]!["schemas"]![name]!, document, at, found);
            return;
        }

        if ((schema["oneOf"] ?? schema["anyOf"]) is JsonArray branches)
        {
            var failures = branches.Select(branch => Violations(value, branch!, document)).ToList();
            if (failures.All(f => f.Count > 0))
            {
                found.Add($"{at}: holds to none of its schemas ({string.Join("; ", failures.SelectMany(f => f))})");
            }

            return;
        }

        if (schema["type"] is { } type)
        {
            var allowed = type is JsonArray types ? types.Select(t => t!.GetValue<string>()).ToList() : [type.GetValue<string>()];
            var kind = KindOf(value);
            if (!allowed.Contains(kind) && !(kind == "integer" && allowed.Contains("number")))
            {
                found.Add($"{at}: a {kind} where the schema takes {string.Join(" or ", allowed)}");
                return;
            }
        }

        if (value is JsonObject members)
        {
            foreach (var required in schema["required"]?.AsArray() ?? [])
            {
                if (!members.ContainsKey(required!.GetValue<string>()))
                {
                    found.Add($"{at}: '{required}' is required");
                }
            }

            foreach (var (name, member) in members)
            {
                if (schema["properties"]?[name] is { } property)
                {
                    Check(member, property, document, $"{at}.{name}", found);
                }
                else if (schema["additionalProperties"] is { } additional)
                {
                    if (additional.GetValueKind() == JsonValueKind.False)
                    {
                        found.Add($"{at}.{name}: not a property of the schema, which allows no others");
                    }
                    else if (additional.GetValueKind() == JsonValueKind.Object)
                    {
                        Check(member, additional, document, $"{at}.{name}", found);
                    }
                }
            }
        }

        if (value is JsonArray items && schema["items"] is { } itemSchema)
        {
            for (var i = 0; i < items.Count; i++)
            {
                Check(items[i], itemSchema, document, $"{at}[{i}]", found);
            }
        }
    }

    private static string KindOf(JsonNode? value) => value?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.String => "string",
        JsonValueKind.Number => value.GetValue<JsonElement>().TryGetInt64(out _) ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Array => "array",
        _ => "object",
    };
}
