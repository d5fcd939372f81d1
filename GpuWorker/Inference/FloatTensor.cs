namespace SampleMind.GpuWorker.Inference;

/// <summary>A dense float tensor in row-major order: its data and its shape.</summary>
public sealed class FloatTensor
{
    private readonly long[] _shape;

    /// <summary>Wraps <paramref name="data"/> (not copied) as a tensor of <paramref name="shape"/>.</summary>
    /// <exception cref="ArgumentException">The shape's element count differs from the data's length.</exception>
    public FloatTensor(Memory<float> data, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var count = 1L;
        foreach (var d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException($"Tensor dimensions must be non-negative; got [{string.Join(", ", shape)}].", nameof(shape));
            }

            count *= d;
        }

        if (count != data.Length)
        {
            throw new ArgumentException(
                $"Shape [{string.Join(", ", shape)}] holds {count} elements but the data has {data.Length}.", nameof(data));
        }

        Data = data;
        _shape = (long[])shape.Clone();
    }

    /// <summary>The elements, row-major.</summary>
    public Memory<float> Data { get; }

    /// <summary>The dimensions, outermost first.</summary>
    public IReadOnlyList<long> Shape => _shape;

    internal ReadOnlySpan<long> ShapeSpan => _shape;

    /// <inheritdoc />
    public override string ToString() => $"float[{string.Join(", ", _shape)}]";
}
