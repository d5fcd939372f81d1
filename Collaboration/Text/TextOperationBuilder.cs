namespace SampleMind.Collaboration.Text;

/// <summary>
/// Builds a canonical <see cref="TextOperation"/> step by step: empty steps are dropped, neighbours
/// of one kind merged, inserts put before adjacent deletes. Counts are code points.
/// </summary>
public sealed class TextOperationBuilder
{
    private ComponentList _list = new(4);

    /// <summary>Skip <paramref name="count"/> code points.</summary>
    public TextOperationBuilder Retain(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _list.Retain(count);
        return this;
    }

    /// <summary>Insert <paramref name="text"/>.</summary>
    public TextOperationBuilder Insert(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _list.Insert(text);
        return this;
    }

    /// <summary>Remove <paramref name="count"/> code points.</summary>
    public TextOperationBuilder Delete(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _list.Delete(count);
        return this;
    }

    /// <summary>The operation built so far.</summary>
    public TextOperation Build() => _list.Build();
}
