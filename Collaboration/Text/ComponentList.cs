namespace SampleMind.Collaboration.Text;

/// <summary>
/// Accumulates components in canonical form: no empty components, neighbours of one kind merged,
/// and an insert next to a delete placed before it.
/// </summary>
internal struct ComponentList
{
    private TextComponent[] _items;
    private int _count;

    public ComponentList(int capacity)
    {
        _items = new TextComponent[Math.Max(capacity, 2)];
        _count = 0;
    }

    public void Retain(int count)
    {
        if (count <= 0)
        {
            return;
        }

        if (_count > 0 && _items[_count - 1].Kind == TextComponentKind.Retain)
        {
            _items[_count - 1] = TextComponent.Retain(_items[_count - 1].Count + count);
            return;
        }

        Push(TextComponent.Retain(count));
    }

    public void Delete(int count)
    {
        if (count <= 0)
        {
            return;
        }

        if (_count > 0 && _items[_count - 1].Kind == TextComponentKind.Delete)
        {
            _items[_count - 1] = TextComponent.Delete(_items[_count - 1].Count + count);
            return;
        }

        Push(TextComponent.Delete(count));
    }

    public void Insert(string text) => Insert(text, CodePoints.Count(text));

    public void Insert(string text, int codePoints)
    {
        if (codePoints <= 0)
        {
            return;
        }

        var at = _count;
        if (at > 0 && _items[at - 1].Kind == TextComponentKind.Delete)
        {
            at--;
        }

        if (at > 0 && _items[at - 1].Kind == TextComponentKind.Insert)
        {
            var previous = _items[at - 1];
            _items[at - 1] = new TextComponent(TextComponentKind.Insert, previous.Count + codePoints, previous.Text + text);
            return;
        }

        var component = new TextComponent(TextComponentKind.Insert, codePoints, text);
        if (at == _count)
        {
            Push(component);
            return;
        }

        Push(_items[at]);
        _items[at] = component;
    }

    public readonly TextOperation Build()
    {
        var components = _count == 0 ? [] : _items.AsSpan(0, _count).ToArray();
        return new TextOperation(components, trusted: true);
    }

    private void Push(TextComponent component)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[_count++] = component;
    }
}
