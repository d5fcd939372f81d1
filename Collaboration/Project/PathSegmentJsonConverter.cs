using System.Text.Json;
using System.Text.Json.Serialization;

namespace SampleMind.Collaboration.Project;

/// <summary>Writes a <see cref="PathSegment"/> as a JSON string (field) or number (index).</summary>
public sealed class PathSegmentJsonConverter : JsonConverter<PathSegment>
{
    /// <inheritdoc />
    public override PathSegment Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => PathSegment.Field(reader.GetString()!),
            JsonTokenType.Number => reader.TryGetInt32(out var index)
                ? PathSegment.At(index)
                : throw new JsonException("a path index is a whole number from 0 to 2,147,483,647"),
            _ => throw new JsonException("a path segment is a string or a number"),
        };

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, PathSegment value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.IsIndex)
        {
            writer.WriteNumberValue(value.Index);
        }
        else
        {
            writer.WriteStringValue(value.Key);
        }
    }
}
