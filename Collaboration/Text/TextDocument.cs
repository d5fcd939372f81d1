using System.Text;
using System.Text.Json.Serialization;

namespace SampleMind.Collaboration.Text;

/// <summary>
/// A mutable text held as Unicode code points in a gap buffer: an edit costs the distance from the
/// previous edit plus its own size, so typing-like streams of single-character ops are O(1) each.
/// Serialises to JSON as a plain string.
/// </summary>
[JsonConverter(typeof(TextDocumentJsonConverter))]
public sealed class TextDocument
{
    private int[] _buffer;
    private int _gapStart;
    private int _gapEnd;

    /// <summary>An empty text.</summary>
    public TextDocument()
        : this(string.Empty)
    {
    }

    /// <summary>A text holding <paramref name="text"/>.</summary>
    public TextDocument(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _buffer = new int[Math.Max(64, text.Length * 2)];
        _gapStart = 0;
        _gapEnd = _buffer.Length;
        InsertAtGap(text);
    }

    private TextDocument(int[] buffer, int gapStart, int gapEnd)
    {
        _buffer = buffer;
        _gapStart = gapStart;
        _gapEnd = gapEnd;
    }

    /// <summary>Length in code points.</summary>
    public int Length => _buffer.Length - (_gapEnd - _gapStart);

    /// <summary>The code point at <paramref name="index"/>.</summary>
    public int this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Length);
            return index < _gapStart ? _buffer[index] : _buffer[index + _gapEnd - _gapStart];
        }
    }

    /// <summary>Inserts <paramref name="text"/> before code point <paramref name="position"/>.</summary>
    public void Insert(int position, string text)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(position, Length);
        MoveGap(position);
        InsertAtGap(text);
    }

    /// <summary>Removes <paramref name="count"/> code points from <paramref name="position"/>.</summary>
    public void Delete(int position, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(position + count, Length);
        MoveGap(position);
        _gapEnd += count;
    }

    /// <summary>Applies an op whose base length is this text's length.</summary>
    /// <exception cref="OperationMismatchException">The op's base length differs.</exception>
    public void Apply(TextOperation op)
    {
        ArgumentNullException.ThrowIfNull(op);
        if (op.BaseLength != Length)
        {
            throw new OperationMismatchException($"op expects {op.BaseLength} code points, text has {Length}");
        }

        var cursor = 0;
        foreach (var c in op.Components)
        {
            switch (c.Kind)
            {
                case TextComponentKind.Retain:
                    cursor += c.Count;
                    break;
                case TextComponentKind.Insert:
                    MoveGap(cursor);
                    InsertAtGap(c.Text!);
                    cursor += c.Count;
                    break;
                default:
                    MoveGap(cursor);
                    _gapEnd += c.Count;
                    break;
            }
        }
    }

    /// <summary>The text of <paramref name="count"/> code points from <paramref name="position"/>.</summary>
    public string GetText(int position, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(position + count, Length);
        var builder = new StringBuilder(count);
        for (var i = position; i < position + count; i++)
        {
            CodePoints.Append(builder, this[i]);
        }

        return builder.ToString();
    }

    /// <summary>An independent copy, compacted (the gap, if any, at the end).</summary>
    public TextDocument Clone()
    {
        var length = Length;
        var buffer = new int[length + 16];
        _buffer.AsSpan(0, _gapStart).CopyTo(buffer);
        _buffer.AsSpan(_gapEnd).CopyTo(buffer.AsSpan(_gapStart));
        return new TextDocument(buffer, length, buffer.Length);
    }

    /// <summary>The whole text as a string.</summary>
    public override string ToString() => GetText(0, Length);

    private void MoveGap(int position)
    {
        if (position < _gapStart)
        {
            var moved = _gapStart - position;
            _buffer.AsSpan(position, moved).CopyTo(_buffer.AsSpan(_gapEnd - moved));
            _gapStart = position;
            _gapEnd -= moved;
        }
        else if (position > _gapStart)
        {
            var moved = position - _gapStart;
            _buffer.AsSpan(_gapEnd, moved).CopyTo(_buffer.AsSpan(_gapStart));
            _gapStart += moved;
            _gapEnd += moved;
        }
    }

    private void InsertAtGap(string text)
    {
        if (_gapEnd - _gapStart < text.Length)
        {
            Grow(text.Length);
        }

        for (var i = 0; i < text.Length; i++)
        {
            int c = text[i];
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                c = char.ConvertToUtf32(text[i], text[i + 1]);
                i++;
            }

            _buffer[_gapStart++] = c;
        }
    }

    private void Grow(int needed)
    {
        var tail = _buffer.Length - _gapEnd;
        var size = Math.Max(_buffer.Length * 2, Length + needed + 64);
        var next = new int[size];
        _buffer.AsSpan(0, _gapStart).CopyTo(next);
        _buffer.AsSpan(_gapEnd, tail).CopyTo(next.AsSpan(size - tail));
        _gapEnd = size - tail;
        _buffer = next;
    }
}
