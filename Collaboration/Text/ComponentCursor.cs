namespace SampleMind.Collaboration.Text;

/// <summary>Walks the components of an op, allowing a component to be consumed in parts.</summary>
internal ref struct ComponentCursor
{
    private readonly ReadOnlySpan<TextComponent> _items;
    private int _index;
    private int _offset;

    public ComponentCursor(ReadOnlySpan<TextComponent> items)
    {
        _items = items;
        _index = 0;
        _offset = 0;
    }

    public readonly bool Done => _index >= _items.Length;

    public readonly TextComponentKind Kind => _items[_index].Kind;

    /// <summary>Code points left in the current component.</summary>
    public readonly int Remaining => _items[_index].Count - _offset;

    /// <summary>Consumes <paramref name="count"/> code points of the current component.</summary>
    public void Advance(int count)
    {
        _offset += count;
        if (_offset >= _items[_index].Count)
        {
            _index++;
            _offset = 0;
        }
    }

    /// <summary>Consumes the rest of the current insert and returns its text.</summary>
    public string TakeText()
    {
        var c = _items[_index];
        var text = _offset == 0 ? c.Text! : CodePoints.Slice(c.Text!, _offset, c.Count - _offset);
        _index++;
        _offset = 0;
        return text;
    }

    /// <summary>Consumes <paramref name="count"/> code points of the current insert and returns them.</summary>
    public string TakeText(int count)
    {
        var c = _items[_index];
        if (_offset == 0 && count == c.Count)
        {
            return TakeText();
        }

        var text = CodePoints.Slice(c.Text!, _offset, count);
        Advance(count);
        return text;
    }
}
