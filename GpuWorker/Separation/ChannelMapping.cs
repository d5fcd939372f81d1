namespace SampleMind.GpuWorker.Separation;

/// <summary>Maps between the input's channel count and a processor's: mono is copied up, stereo averaged down.</summary>
internal static class ChannelMapping
{
    public static void EnsureSupported(int from, int to)
    {
        if (from != to && from != 1 && to != 1)
        {
            throw new NotSupportedException($"Cannot map {from} channels to {to}; only equal counts, or mono to and from any count.");
        }
    }

    /// <summary>
    /// Writes <paramref name="frames"/> frames of planar <paramref name="source"/> (rows of
    /// <paramref name="sourceStride"/>) into planar <paramref name="destination"/> (rows of
    /// <paramref name="destinationStride"/>), changing the channel count.
    /// </summary>
    public static void Map(ReadOnlySpan<float> source, int fromChannels, int sourceStride,
        Span<float> destination, int toChannels, int destinationStride, int frames)
    {
        if (fromChannels == toChannels)
        {
            for (var c = 0; c < toChannels; c++)
            {
                source.Slice(c * sourceStride, frames).CopyTo(destination.Slice(c * destinationStride, frames));
            }
        }
        else if (fromChannels == 1)
        {
            for (var c = 0; c < toChannels; c++)
            {
                source[..frames].CopyTo(destination.Slice(c * destinationStride, frames));
            }
        }
        else
        {
            var mono = destination[..frames];
            mono.Clear();
            for (var c = 0; c < fromChannels; c++)
            {
                System.Numerics.Tensors.TensorPrimitives.Add(mono, source.Slice(c * sourceStride, frames), mono);
            }

            System.Numerics.Tensors.TensorPrimitives.Multiply(mono, 1f / fromChannels, mono);
        }
    }
}
