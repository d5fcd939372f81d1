namespace SampleMind.GpuWorker.Separation.Dsp;

/// <summary>
/// Median filters over a frame-major magnitude spectrogram (frames × bins). At the edges the
/// window is cut to the values that exist. Each line is filtered with a sliding sorted window
/// (one removal and one insertion per step) rather than a sort per output.
/// </summary>
internal static class MedianFilter
{
    /// <summary>Median across time for each bin (keeps what is steady in time: harmonic).</summary>
    public static float[] AlongTime(ReadOnlySpan<float> data, int frames, int bins, int length)
    {
        var result = new float[frames * bins];
        Span<float> window = stackalloc float[length + 1];
        for (var b = 0; b < bins; b++)
        {
            Slide(data[b..], bins, frames, length / 2, result.AsSpan(b), bins, window);
        }

        return result;
    }

    /// <summary>Median across frequency for each frame (keeps what is broadband in a frame: percussive).</summary>
    public static float[] AlongFrequency(ReadOnlySpan<float> data, int frames, int bins, int length)
    {
        var result = new float[frames * bins];
        Span<float> window = stackalloc float[length + 1];
        for (var f = 0; f < frames; f++)
        {
            Slide(data.Slice(f * bins, bins), 1, bins, length / 2, result.AsSpan(f * bins, bins), 1, window);
        }

        return result;
    }

    /// <summary>The median of <paramref name="values"/> (reordered in place).</summary>
    public static float Median(Span<float> values)
    {
        values.Sort();
        return MedianOfSorted(values);
    }

    /// <summary>
    /// Filters <paramref name="count"/> values read every <paramref name="stride"/> from
    /// <paramref name="line"/>, writing every <paramref name="outStride"/> into <paramref name="output"/>.
    /// </summary>
    private static void Slide(ReadOnlySpan<float> line, int stride, int count, int half, Span<float> output, int outStride, Span<float> window)
    {
        var size = 0;
        for (var i = 0; i < Math.Min(half, count); i++)
        {
            Insert(window, ref size, line[i * stride]);
        }

        for (var i = 0; i < count; i++)
        {
            var entering = i + half;
            if (entering < count)
            {
                Insert(window, ref size, line[entering * stride]);
            }

            var leaving = i - half - 1;
            if (leaving >= 0)
            {
                Remove(window, ref size, line[leaving * stride]);
            }

            output[i * outStride] = MedianOfSorted(window[..size]);
        }
    }

    private static void Insert(Span<float> window, ref int size, float value)
    {
        var at = size;
        while (at > 0 && window[at - 1] > value)
        {
            window[at] = window[at - 1];
            at--;
        }

        window[at] = value;
        size++;
    }

    private static void Remove(Span<float> window, ref int size, float value)
    {
        var at = window[..size].IndexOf(value);
        if (at < 0)
        {
            at = size - 1;
        }

        window.Slice(at + 1, size - at - 1).CopyTo(window[at..]);
        size--;
    }

    private static float MedianOfSorted(ReadOnlySpan<float> values)
    {
        var n = values.Length;
        return n % 2 == 1 ? values[n / 2] : 0.5f * (values[(n / 2) - 1] + values[n / 2]);
    }
}
