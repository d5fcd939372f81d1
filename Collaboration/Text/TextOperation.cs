using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json.Serialization;

namespace SampleMind.Collaboration.Text;

/// <summary>
/// An edit of a text as a list of retain / insert / delete steps over Unicode code points, covering
/// the whole base text (a trailing retain is kept so the base length is known). Immutable.
/// Ops built with <see cref="TextOperationBuilder"/> or the factories are canonical; ops read from the
/// wire may not be, and are checked with <see cref="TryValidate(int, out string?)"/> before use.
/// </summary>
[JsonConverter(typeof(TextOperationJsonConverter))]
public sealed partial class TextOperation : IEquatable<TextOperation>
{
    private readonly TextComponent[] _components;

    internal TextOperation(TextComponent[] components, bool trusted)
    {
        _components = components;
        IsCanonical = trusted;
        var baseLength = 0L;
        var targetLength = 0L;
        foreach (var c in components)
        {
            if (c.Kind == TextComponentKind.Insert)
            {
                targetLength += c.Count;
            }
            else
            {
                baseLength += c.Count;
                targetLength += c.Kind == TextComponentKind.Retain ? c.Count : 0;
            }
        }

        BaseLength = (int)Math.Clamp(baseLength, int.MinValue, int.MaxValue);
        TargetLength = (int)Math.Clamp(targetLength, int.MinValue, int.MaxValue);
    }

    /// <summary>The steps, in order.</summary>
    public ReadOnlySpan<TextComponent> Components => _components;

    /// <summary>Length in code points of the text this op applies to.</summary>
    public int BaseLength { get; }

    /// <summary>Length in code points of the text it produces.</summary>
    public int TargetLength { get; }

    /// <summary>True when the op only retains.</summary>
    public bool IsNoop
    {
        get
        {
            foreach (var c in _components)
            {
                if (c.Kind != TextComponentKind.Retain)
                {
                    return false;
                }
            }

            return true;
        }
    }

    internal bool IsCanonical { get; }

    /// <summary>Wraps components as given (possibly malformed, e.g. from the wire).</summary>
    public static TextOperation FromComponents(ReadOnlySpan<TextComponent> components) =>
        new(components.ToArray(), trusted: false);

    /// <summary>The op that keeps a text of <paramref name="length"/> code points unchanged.</summary>
    public static TextOperation Identity(int length) => new TextOperationBuilder().Retain(length).Build();

    /// <summary>
    /// The usual single edit: at <paramref name="position"/> delete <paramref name="deleteCount"/> code points
    /// then insert <paramref name="insert"/>, in a text of <paramref name="baseLength"/> code points.
    /// </summary>
    public static TextOperation Edit(int baseLength, int position, int deleteCount, string insert)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfNegative(deleteCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(position + deleteCount, baseLength);
        ArgumentNullException.ThrowIfNull(insert);
        var list = new ComponentList(4);
        list.Retain(position);
        list.Insert(insert);
        list.Delete(deleteCount);
        list.Retain(baseLength - position - deleteCount);
        return list.Build();
    }

    /// <summary>Checks the op against a base text of <paramref name="baseLength"/> code points.</summary>
    public bool TryValidate(int baseLength, [NotNullWhen(false)] out string? reason)
    {
        for (var i = 0; i < _components.Length; i++)
        {
            if (!TryValidateComponent(_components[i], i, out reason))
            {
                return false;
            }
        }

        if (BaseLength != baseLength)
        {
            reason = $"op covers {BaseLength} code points but the text has {baseLength}";
            return false;
        }

        reason = null;
        return true;
    }

    /// <summary>Applies the op to a string and returns the result.</summary>
    public string Apply(string text)
    {
        var document = new TextDocument(text);
        document.Apply(this);
        return document.ToString();
    }

    /// <summary>The op that undoes this one, given the text it applies to.</summary>
    public TextOperation Invert(TextDocument documentBefore)
    {
        var list = new ComponentList(_components.Length);
        var cursor = 0;
        foreach (var c in _components)
        {
            switch (c.Kind)
            {
                case TextComponentKind.Retain:
                    list.Retain(c.Count);
                    cursor += c.Count;
                    break;
                case TextComponentKind.Insert:
                    list.Delete(c.Count);
                    break;
                default:
                    list.Insert(documentBefore.GetText(cursor, c.Count), c.Count);
                    cursor += c.Count;
                    break;
            }
        }

        return list.Build();
    }

    /// <inheritdoc />
    public bool Equals(TextOperation? other) =>
        other is not null && _components.AsSpan().SequenceEqual(other._components);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as TextOperation);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var c in _components)
        {
            hash.Add(c);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var builder = new StringBuilder("[");
        foreach (var c in _components)
        {
            builder.Append(builder.Length > 1 ? ", " : string.Empty).Append(c);
        }

        return builder.Append(']').ToString();
    }

    private static bool TryValidateComponent(TextComponent c, int index, [NotNullWhen(false)] out string? reason)
    {
        reason = c.Kind switch
        {
            TextComponentKind.Retain or TextComponentKind.Delete when c.Count <= 0 =>
                $"component {index} ({c.Kind}) has count {c.Count}; counts must be positive",
            TextComponentKind.Retain or TextComponentKind.Delete when c.Text is not null =>
                $"component {index} ({c.Kind}) carries text",
            TextComponentKind.Insert when string.IsNullOrEmpty(c.Text) =>
                $"component {index} inserts nothing",
            TextComponentKind.Insert when !CodePoints.IsWellFormed(c.Text!) =>
                $"component {index} inserts text with an unpaired surrogate",
            TextComponentKind.Insert when CodePoints.Count(c.Text!) != c.Count =>
                $"component {index} claims {c.Count} code points but inserts {CodePoints.Count(c.Text!)}",
            TextComponentKind.Retain or TextComponentKind.Delete or TextComponentKind.Insert => null,
            _ => $"component {index} has unknown kind {(int)c.Kind}",
        };
        return reason is null;
    }
}
