using System.Text.Json;
using System.Text.Json.Nodes;

namespace SampleMind.Collaboration.Project;

/// <summary>The expected shape of one node of the project document.</summary>
internal sealed class SchemaNode
{
    private SchemaNode(JsonValueKind kind, IReadOnlyDictionary<string, SchemaNode>? fields, SchemaNode? item, double min, double max)
    {
        Kind = kind;
        Fields = fields;
        Item = item;
        Min = min;
        Max = max;
    }

    public JsonValueKind Kind { get; }

    public IReadOnlyDictionary<string, SchemaNode>? Fields { get; }

    public SchemaNode? Item { get; }

    public double Min { get; }

    public double Max { get; }

    public static SchemaNode Object(params (string Name, SchemaNode Node)[] fields)
    {
        var map = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
        foreach (var (name, node) in fields)
        {
            map.Add(name, node);
        }

        return new SchemaNode(JsonValueKind.Object, map, null, 0, 0);
    }

    public static SchemaNode List(SchemaNode item) => new(JsonValueKind.Array, null, item, 0, 0);

    public static SchemaNode String() => new(JsonValueKind.String, null, null, 0, 0);

    public static SchemaNode Boolean() => new(JsonValueKind.True, null, null, 0, 0);

    public static SchemaNode Number(double min, double max) => new(JsonValueKind.Number, null, null, min, max);

    /// <summary>Null when <paramref name="value"/> has this shape; otherwise why not.</summary>
    public string? Check(JsonNode? value, string where)
    {
        switch (Kind)
        {
            case JsonValueKind.Object:
                return value is JsonObject o ? CheckObject(o, where) : $"{where} must be an object";
            case JsonValueKind.Array:
                return value is JsonArray a ? CheckList(a, where) : $"{where} must be a list";
            case JsonValueKind.String:
                return value is JsonValue s && s.GetValueKind() == JsonValueKind.String ? null : $"{where} must be a string";
            case JsonValueKind.True:
                return value is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? null : $"{where} must be true or false";
            default:
                if (value is not JsonValue n || n.GetValueKind() != JsonValueKind.Number)
                {
                    return $"{where} must be a number";
                }

                var x = double.Parse(n.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
                return x >= Min && x <= Max ? null : $"{where} must be between {Min} and {Max} (was {x})";
        }
    }

    private string? CheckObject(JsonObject o, string where)
    {
        foreach (var (name, child) in o)
        {
            if (!Fields!.TryGetValue(name, out var node))
            {
                return $"{where}.{name} is not a known field";
            }

            if (node.Check(child, $"{where}.{name}") is { } reason)
            {
                return reason;
            }
        }

        foreach (var name in Fields!.Keys)
        {
            if (!o.ContainsKey(name))
            {
                return $"{where}.{name} is missing";
            }
        }

        return null;
    }

    private string? CheckList(JsonArray a, string where)
    {
        for (var i = 0; i < a.Count; i++)
        {
            if (Item!.Check(a[i], $"{where}[{i}]") is { } reason)
            {
                return reason;
            }
        }

        return null;
    }
}
