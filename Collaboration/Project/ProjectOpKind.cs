using System.Text.Json.Serialization;

namespace SampleMind.Collaboration.Project;

/// <summary>The primitive edits of the project document.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProjectOpKind>))]
public enum ProjectOpKind
{
    /// <summary>Replace the value of an object field (path ends with a field name).</summary>
    Set,

    /// <summary>Insert a list item (path ends with the index it will have).</summary>
    Insert,

    /// <summary>Remove a list item (path ends with its index).</summary>
    Delete,

    /// <summary>Move a list item within its list (path ends with its index; <see cref="ProjectOp.ToIndex"/> is where it ends up).</summary>
    Move,

    /// <summary>Edit a string field with a text operation (path ends with a field name).</summary>
    EditText,
}
