using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SampleMind.Collaboration.Text;

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

    /// <summary>For a one-line string (a name, an id, the key): its rules; null for free text and every other kind.</summary>
    public LineRule? Line { get; private init; }

    /// <summary>True for a list whose items carry an <c>id</c> that no two of them share.</summary>
    public bool UniqueIds => Item?.Fields?.TryGetValue("id", out var id) == true && id.Line?.Id == true;

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

    /// <summary>A one-line string shown to every user: no control characters, at most <paramref name="maxLength"/> UTF-16 units.</summary>
    public static SchemaNode OneLine(int maxLength, Regex? form = null, string? formText = null) =>
        new(JsonValueKind.String, null, null, 0, 0) { Line = new LineRule(maxLength, false, form, formText) };

    /// <summary>An item's id: a non-empty line of at most 64 UTF-16 units, unique among the items of its list.</summary>
    public static SchemaNode Id() => new(JsonValueKind.String, null, null, 0, 0) { Line = new LineRule(64, true, null, null) };

    public static SchemaNode Boolean() => new(JsonValueKind.True, null, null, 0, 0);

    public static SchemaNode Number(double min, double max) => new(JsonValueKind.Number, null, null, min, max);

    /// <summary>
    /// Null when <paramref name="value"/> has this shape; otherwise why not. Without <paramref name="lines"/> the one-line
    /// strings' rules (<see cref="Line"/>, ids unique in their list) are left out: the shape alone, as a logged op made
    /// before those rules is checked.
    /// </summary>
    public string? Check(JsonNode? value, string where, bool lines = true)
    {
        switch (Kind)
        {
            case JsonValueKind.Object:
                return value is JsonObject o ? CheckObject(o, where, lines) : $"{where} must be an object";
            case JsonValueKind.Array:
                return value is JsonArray a ? CheckList(a, where, lines) : $"{where} must be a list";
            case JsonValueKind.String:
                return value is JsonValue s && s.GetValueKind() == JsonValueKind.String
                    ? lines ? CheckLine(s.GetValue<string>(), where) : null
                    : $"{where} must be a string";
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

    private string? CheckObject(JsonObject o, string where, bool lines)
    {
        foreach (var (name, child) in o)
        {
            if (!Fields!.TryGetValue(name, out var node))
            {
                return $"{where}.{name} is not a known field";
            }

            if (node.Check(child, $"{where}.{name}", lines) is { } reason)
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

    /// <summary>Null when <paramref name="text"/> keeps this string's <see cref="Line"/> rules (free text keeps none); otherwise why not.</summary>
    public string? CheckLine(string text, string where)
    {
        if (Line is not { } line)
        {
            return null;
        }

        if (line.Id && text.Length == 0)
        {
            return $"{where} must not be empty";
        }

        if (text.Length > line.MaxLength)
        {
            return $"{where} is at most {line.MaxLength} characters (was {text.Length:N0})";
        }

        if (ControlCharacters.FindRefused(text, allowBreaks: false) is { } refused)
        {
            return $"{where} must not hold control characters (has U+{(int)refused:X4})";
        }

        return line.Form is null || line.Form.IsMatch(text) ? null : $"{where} must be {line.FormText} (was \"{text}\")";
    }

    private string? CheckList(JsonArray a, string where, bool lines)
    {
        var ids = lines && UniqueIds ? new HashSet<string>(StringComparer.Ordinal) : null;
        for (var i = 0; i < a.Count; i++)
        {
            if (Item!.Check(a[i], $"{where}[{i}]", lines) is { } reason)
            {
                return reason;
            }

            if (ids is not null && !ids.Add(a[i]!["id"]!.GetValue<string>()))
            {
                return $"{where}[{i}].id \"{a[i]!["id"]}\" is already used by another item of {where}";
            }
        }

        return null;
    }

    /// <summary>The rules of a one-line string: its bound, whether it is an id (not empty, unique in its list), its form.</summary>
    public sealed record LineRule(int MaxLength, bool Id, Regex? Form, string? FormText);
}
