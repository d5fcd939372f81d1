using System.Buffers;

namespace SampleMind.Audio.Dsp;

/// <summary>A growable float buffer on <see cref="ArrayPool{T}"/>; dispose to return the array.</summary>
internal sealed class SampleBuffer : IDisposable
{
    private float[] _items;

    public SampleBuffer(int initialCapacity = 16384)
    {
        _items = ArrayPool<float>.Shared.Rent(Math.Max(16, initialCapacity));
    }

    public int Count { get; private set; }

    public Span<float> Written => _items.AsSpan(0, Count);

    public float[] Array => _items;

    /// <summary>A writable span of at least <paramref name="size"/> floats after the written data.</summary>
    public Span<float> GetSpan(int size)
    {
        if (Count + size > _items.Length)
        {
            var grown = ArrayPool<float>.Shared.Rent(Math.Max(_items.Length * 2, Count + size));
            _items.AsSpan(0, Count).CopyTo(grown);
            ArrayPool<float>.Shared.Return(_items);
            _items = grown;
        }

        return _items.AsSpan(Count, size);
    }

    public void Advance(int count) => Count += count;

    public void Append(ReadOnlySpan<float> values)
    {
        values.CopyTo(GetSpan(values.Length));
        Count += values.Length;
    }

    public float[] ToArray() => Written.ToArray();

    public void Dispose()
    {
        ArrayPool<float>.Shared.Return(_items);
        _items = [];
        Count = 0;
    }
}
