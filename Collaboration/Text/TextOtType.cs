using System.Diagnostics.CodeAnalysis;

namespace SampleMind.Collaboration.Text;

/// <summary>Plain text (notes, lyrics, chat drafts) for the server and client algorithms.</summary>
public sealed class TextOtType : IOtType<TextDocument, TextOperation>
{
    /// <summary>The one instance (the type has no state).</summary>
    public static TextOtType Instance { get; } = new();

    /// <inheritdoc />
    public bool TryValidate(TextDocument document, TextOperation op, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(op);
        return op.TryValidate(document.Length, out reason);
    }

    /// <inheritdoc />
    public bool TryValidateLogged(TextDocument document, TextOperation op, [NotNullWhen(false)] out string? reason) =>
        TryValidate(document, op, out reason);

    /// <inheritdoc />
    public bool TryValidateStructure(TextOperation op, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(op);
        return op.TryValidate(op.BaseLength, out reason);
    }

    /// <inheritdoc />
    public void Apply(TextDocument document, TextOperation op)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Apply(op);
    }

    /// <inheritdoc />
    public TextOperation Transform(TextOperation op, TextOperation over, Side side) =>
        TextOperation.Transform(op, over, side);

    /// <summary>Text has no conflicts but insert order: the inverse's text goes after text inserted at its place since.</summary>
    public TextOperation TransformInverse(TextOperation inverse, TextOperation later) =>
        TextOperation.Transform(inverse, later, Side.Right);

    /// <inheritdoc />
    public TextOperation Compose(TextOperation first, TextOperation second) =>
        TextOperation.Compose(first, second);

    /// <inheritdoc />
    public TextOperation Invert(TextOperation op, TextDocument documentBefore)
    {
        ArgumentNullException.ThrowIfNull(op);
        return op.Invert(documentBefore);
    }

    /// <inheritdoc />
    public bool IsNoop(TextOperation op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return op.IsNoop;
    }

    /// <inheritdoc />
    public bool AreEqual(TextOperation op, TextOperation other)
    {
        ArgumentNullException.ThrowIfNull(op);
        return op.Equals(other);
    }

    /// <inheritdoc />
    public TextDocument Clone(TextDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.Clone();
    }
}
