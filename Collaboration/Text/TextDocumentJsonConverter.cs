using System.Text.Json;
using System.Text.Json.Serialization;

namespace SampleMind.Collaboration.Text;

/// <summary>Writes a <see cref="TextDocument"/> as a JSON string and reads it back.</summary>
public sealed class TextDocumentJsonConverter : JsonConverter<TextDocument>
{
    /// <inheritdoc />
    public override TextDocument Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetString() ?? throw new JsonException("a text document is a JSON string"));

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TextDocument value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.ToString());
    }
}
