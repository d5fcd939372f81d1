namespace SampleMind.Collaboration.Text;

/// <summary>
/// One step of a <see cref="TextOperation"/>. Counts are Unicode code points. The constructor takes
/// the fields as given (a deserialised op may be malformed); <see cref="TextOperation.TryValidate"/>
/// rejects empty or negative components and inserts that are not well-formed UTF-16.
/// </summary>
public readonly record struct TextComponent
{
    /// <summary>Creates a component exactly as given, without checks.</summary>
    public TextComponent(TextComponentKind kind, int count, string? text)
    {
        Kind = kind;
        Count = count;
        Text = text;
    }

    /// <summary>Retain, insert or delete.</summary>
    public TextComponentKind Kind { get; }

    /// <summary>Code points retained, deleted or inserted.</summary>
    public int Count { get; }

    /// <summary>The inserted text (insert only).</summary>
    public string? Text { get; }

    /// <summary>True for an insert.</summary>
    public bool IsInsert => Kind == TextComponentKind.Insert;

    /// <summary>Skip <paramref name="count"/> code points.</summary>
    public static TextComponent Retain(int count) => new(TextComponentKind.Retain, count, null);

    /// <summary>Remove <paramref name="count"/> code points.</summary>
    public static TextComponent Delete(int count) => new(TextComponentKind.Delete, count, null);

    /// <summary>Insert <paramref name="text"/>; its code points are counted here.</summary>
    public static TextComponent Insert(string text) =>
        new(TextComponentKind.Insert, CodePoints.Count(text), text);

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        TextComponentKind.Retain => $"r{Count}",
        TextComponentKind.Delete => $"d{Count}",
        _ => $"i\"{Text}\"",
    };
}
