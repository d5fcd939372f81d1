using System.Text.Json.Serialization;

namespace SampleMind.Collaboration.Project;

/// <summary>
/// One step of a path into the project document: a field name of an object or an index into a list.
/// On the wire a path is a JSON array of strings and numbers, e.g. <c>["tracks", 2, "clips", 0, "gain"]</c>.
/// </summary>
[JsonConverter(typeof(PathSegmentJsonConverter))]
public readonly record struct PathSegment
{
    private PathSegment(string? key, int index)
    {
        Key = key;
        Index = index;
    }

    /// <summary>The field name, or null for an index.</summary>
    public string? Key { get; }

    /// <summary>The list index (meaningless for a field).</summary>
    public int Index { get; }

    /// <summary>True for a list index.</summary>
    public bool IsIndex => Key is null;

    /// <summary>A field of an object.</summary>
    public static PathSegment Field(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new PathSegment(key, 0);
    }

    /// <summary>A position in a list (not checked: validation rejects negative indices).</summary>
    public static PathSegment At(int index) => new(null, index);

    /// <summary>A field name.</summary>
    public static implicit operator PathSegment(string key) => Field(key);

    /// <summary>A list index.</summary>
    public static implicit operator PathSegment(int index) => At(index);

    /// <summary>A field name.</summary>
    public static PathSegment FromString(string key) => Field(key);

    /// <summary>A list index.</summary>
    public static PathSegment FromInt32(int index) => At(index);

    /// <summary>This index moved to <paramref name="index"/>.</summary>
    internal PathSegment WithIndex(int index) => At(index);

    /// <inheritdoc />
    public override string ToString() => IsIndex ? $"[{Index}]" : $".{Key}";
}
