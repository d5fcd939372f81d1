using System.Text.Json;
using System.Text.Json.Serialization;

namespace SampleMind.Collaboration.Text;

/// <summary>
/// Wire form of a <see cref="TextOperation"/>: a JSON array where a positive number retains, a negative
/// number deletes and a string inserts, e.g. <c>[5, "abc", -2, 10]</c>. Reading never rejects an op:
/// a zero count reads as an empty retain, which validation then refuses.
/// </summary>
public sealed class TextOperationJsonConverter : JsonConverter<TextOperation>
{
    /// <inheritdoc />
    public override TextOperation Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("a text operation is a JSON array");
        }

        var components = new List<TextComponent>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            components.Add(reader.TokenType switch
            {
                JsonTokenType.String => TextComponent.Insert(reader.GetString()!),
                JsonTokenType.Number => Count(ref reader),
                _ => throw new JsonException($"unexpected {reader.TokenType} in a text operation"),
            });
        }

        return TextOperation.FromComponents(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(components));
    }

    /// <summary>
    /// A retain (positive) or delete (negative) count. Its size is at most <see cref="int.MaxValue"/> either way: a delete of
    /// int.MinValue would not negate.
    /// </summary>
    private static TextComponent Count(ref Utf8JsonReader reader)
    {
        if (!reader.TryGetInt32(out var count) || count == int.MinValue)
        {
            throw new JsonException("a text operation's count is a whole number from -2,147,483,647 to 2,147,483,647");
        }

        return count < 0 ? TextComponent.Delete(-count) : TextComponent.Retain(count);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TextOperation value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (var c in value.Components)
        {
            switch (c.Kind)
            {
                case TextComponentKind.Retain:
                    writer.WriteNumberValue(c.Count);
                    break;
                case TextComponentKind.Delete:
                    writer.WriteNumberValue(-c.Count);
                    break;
                default:
                    writer.WriteStringValue(c.Text);
                    break;
            }
        }

        writer.WriteEndArray();
    }
}
