using System.Text.Json;
using System.Text.Json.Nodes;

namespace SampleMind.Cli;

/// <summary>
/// The fields the CLI needs from the API's JSON. A field that is missing or of another type is a
/// <see cref="NotAnApiException"/> that names it (one line, exit code 1), not a crash with a stack trace.
/// </summary>
internal static class Answer
{
    public static string Text(JsonNode node, string name) => Value<string>(node, name, "text");

    public static long Whole(JsonNode node, string name) => Value<long>(node, name, "a whole number");

    public static double Number(JsonNode node, string name) => Value<double>(node, name, "a number");

    public static JsonArray Items(JsonNode node, string name = "items") =>
        node[name] as JsonArray ?? throw Unexpected(name, "a list");

    private static T Value<T>(JsonNode node, string name, string what)
    {
        try
        {
            return node[name] is JsonValue value && value.TryGetValue<T>(out var result) ? result : throw Unexpected(name, what);
        }
        catch (Exception e) when (e is InvalidOperationException or JsonException)
        {
            throw Unexpected(name, what);
        }
    }

    private static NotAnApiException Unexpected(string name, string what) =>
        new($"The API's answer has no '{name}' ({what}); is --api (or SAMPLEMIND_API) a SampleMind API of this version?");
}
