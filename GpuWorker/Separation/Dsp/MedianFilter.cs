namespace SampleMind.GpuWorker.Separation.Dsp;

/// <summary>
/// Median filters over a frame-major magnitude spectrogram (frames × bins). At the edges the
/// window is cut to the values that exist.
/// </summary>
internal static class MedianFilter
{
    /// <summary>Median across time for each bin (keeps what is steady in time: harmonic).</summary>
    public static float[] AlongTime(ReadOnlySpan<float> data, int frames, int bins, int length)
    {
        var result = new float[frames * bins];
        var half = length / 2;
        Span<float> scratch = stackalloc float[length];
        for (var f = 0; f < frames; f++)
        {
            var from = Math.Max(0, f - half);
            var to = Math.Min(frames - 1, f + half);
            var n = to - from + 1;
            for (var b = 0; b < bins; b++)
            {
                for (var k = 0; k < n; k++)
                {
                    scratch[k] = data[((from + k) * bins) + b];
                }

                result[(f * bins) + b] = Median(scratch[..n]);
            }
        }

        return result;
    }

    /// <summary>Median across frequency for each frame (keeps what is broadband in a frame: percussive).</summary>
    public static float[] AlongFrequency(ReadOnlySpan<float> data, int frames, int bins, int length)
    {
        var result = new float[frames * bins];
        var half = length / 2;
        Span<float> scratch = stackalloc float[length];
        for (var f = 0; f < frames; f++)
        {
            var row = data.Slice(f * bins, bins);
            for (var b = 0; b < bins; b++)
            {
                var from = Math.Max(0, b - half);
                var n = Math.Min(bins - 1, b + half) - from + 1;
                row.Slice(from, n).CopyTo(scratch);
                result[(f * bins) + b] = Median(scratch[..n]);
            }
        }

        return result;
    }

    /// <summary>The median of <paramref name="values"/> (reordered in place).</summary>
    public static float Median(Span<float> values)
    {
        values.Sort();
        var n = values.Length;
        return n % 2 == 1 ? values[n / 2] : 0.5f * (values[(n / 2) - 1] + values[n / 2]);
    }
}
