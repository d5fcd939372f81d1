using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SampleMind.Collaboration.Text;

namespace SampleMind.Collaboration.Project;

/// <summary>
/// One primitive edit of the project document. Immutable: the JSON values it carries are never attached
/// to a document (they are cloned on apply) and must not be changed after construction.
/// </summary>
public sealed class ProjectOp
{
    /// <summary>Creates an op from its fields as given (e.g. from the wire); validation checks them.</summary>
    [JsonConstructor]
    public ProjectOp(ProjectOpKind kind, PathSegment[] path, JsonNode? value = null, JsonNode? oldValue = null, int toIndex = 0, TextOperation? text = null)
    {
        Kind = kind;
        Path = path;
        Value = value;
        OldValue = oldValue;
        ToIndex = toIndex;
        Text = text;
    }

    /// <summary>What the op does.</summary>
    [JsonPropertyName("kind")]
    public ProjectOpKind Kind { get; }

    /// <summary>Where: fields and indices from the document root.</summary>
    [JsonPropertyName("path")]
    public PathSegment[] Path { get; }

    /// <summary>The new value (set) or the inserted item (insert).</summary>
    [JsonPropertyName("value")]
    public JsonNode? Value { get; }

    /// <summary>
    /// The value replaced (set) or the item removed (delete), as the author saw it. Advisory: inversion
    /// reads the document itself, and transforms keep it up to date where they can.
    /// </summary>
    [JsonPropertyName("oldValue")]
    public JsonNode? OldValue { get; }

    /// <summary>Move only: the index the item has after the move.</summary>
    [JsonPropertyName("toIndex")]
    public int ToIndex { get; }

    /// <summary>EditText only: the text operation (code points).</summary>
    [JsonPropertyName("text")]
    public TextOperation? Text { get; }

    /// <summary>Replace the field at <paramref name="path"/> with <paramref name="value"/>.</summary>
    public static ProjectOp Set(PathSegment[] path, JsonNode? oldValue, JsonNode? value) =>
        new(ProjectOpKind.Set, path, value, oldValue, 0, null);

    /// <summary>Insert <paramref name="value"/> so that it has the index at the end of <paramref name="path"/>.</summary>
    public static ProjectOp Insert(PathSegment[] path, JsonNode value) =>
        new(ProjectOpKind.Insert, path, value, null, 0, null);

    /// <summary>Remove the list item at <paramref name="path"/>.</summary>
    public static ProjectOp Delete(PathSegment[] path, JsonNode? oldValue) =>
        new(ProjectOpKind.Delete, path, null, oldValue, 0, null);

    /// <summary>Move the list item at <paramref name="path"/> so that its index becomes <paramref name="toIndex"/>.</summary>
    public static ProjectOp Move(PathSegment[] path, int toIndex) =>
        new(ProjectOpKind.Move, path, null, null, toIndex, null);

    /// <summary>Edit the string field at <paramref name="path"/>.</summary>
    public static ProjectOp EditText(PathSegment[] path, TextOperation text) =>
        new(ProjectOpKind.EditText, path, null, null, 0, text);

    /// <summary>The same op at another path.</summary>
    internal ProjectOp WithPath(PathSegment[] path) => new(Kind, path, Value, OldValue, ToIndex, Text);

    /// <inheritdoc />
    public override string ToString()
    {
        var builder = new StringBuilder(Kind.ToString()).Append(' ');
        foreach (var segment in Path)
        {
            builder.Append(segment);
        }

        return Kind switch
        {
            ProjectOpKind.Set => builder.Append(" = ").Append(Value?.ToJsonString() ?? "null").ToString(),
            ProjectOpKind.Insert => builder.Append(' ').Append(Value?.ToJsonString()).ToString(),
            ProjectOpKind.Move => builder.Append(" -> ").Append(ToIndex).ToString(),
            ProjectOpKind.EditText => builder.Append(' ').Append(Text).ToString(),
            _ => builder.ToString(),
        };
    }
}
