namespace SampleMind.Search.Humming;

/// <summary>
/// Turns raw pitch tracks into key- and tempo-normalised melody shapes, and compares them by dynamic time warping.
/// </summary>
public static class ContourProcessing
{
    /// <summary>MIDI note number of a frequency: 69 + 12 log2(f / 440).</summary>
    public static float HzToMidi(float hz) => 69f + (12f * MathF.Log2(hz / 440f));

    /// <summary>
    /// Cleans a contour and makes it key-invariant: converts voiced frames to MIDI semitones, median-filters each
    /// voiced frame over the voiced frames within <paramref name="medianWindow"/> frames of it (removing octave
    /// jumps and pitch spikes), drops unvoiced frames and isolated voiced blips shorter than 3 frames, and subtracts
    /// the median pitch. Returns an empty array when too little is voiced.
    /// </summary>
    public static float[] Normalise(PitchContour contour, int medianWindow = 7)
    {
        ArgumentNullException.ThrowIfNull(contour);
        var f0 = contour.F0Hz;
        var midi = new float[f0.Length];
        for (var i = 0; i < f0.Length; i++)
        {
            midi[i] = f0[i] > 0 && float.IsFinite(f0[i]) ? HzToMidi(f0[i]) : float.NaN;
        }

        var voiced = new List<float>(f0.Length);
        var window = new List<float>(medianWindow);
        var half = medianWindow / 2;
        for (var i = 0; i < midi.Length; i++)
        {
            if (float.IsNaN(midi[i]) || RunLength(midi, i) < 3)
            {
                continue;
            }

            window.Clear();
            for (var j = Math.Max(0, i - half); j <= Math.Min(midi.Length - 1, i + half); j++)
            {
                if (!float.IsNaN(midi[j]))
                {
                    window.Add(midi[j]);
                }
            }

            voiced.Add(Median(window));
        }

        if (voiced.Count < 3)
        {
            return [];
        }

        var centre = Median([.. voiced]);
        var result = voiced.ToArray();
        for (var i = 0; i < result.Length; i++)
        {
            result[i] -= centre;
        }

        return result;
    }

    /// <summary>Linear resampling of <paramref name="values"/> to <paramref name="length"/> points (tempo normalisation).</summary>
    public static float[] Resample(ReadOnlySpan<float> values, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 2);
        var result = new float[length];
        if (values.IsEmpty)
        {
            return result;
        }

        var scale = (values.Length - 1) / (double)(length - 1);
        for (var i = 0; i < length; i++)
        {
            var x = i * scale;
            var lo = (int)x;
            var hi = Math.Min(lo + 1, values.Length - 1);
            var t = (float)(x - lo);
            result[i] = (values[lo] * (1 - t)) + (values[hi] * t);
        }

        return result;
    }

    /// <summary>
    /// Dynamic time warping distance between equal-length sequences within a Sakoe-Chiba band of
    /// <paramref name="band"/> steps, with per-step cost <c>min(|a - b - shift|, 4)</c> (capped so a stray octave
    /// error cannot dominate), divided by the sequence length.
    /// </summary>
    public static double Dtw(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int band, float shift = 0)
    {
        var n = a.Length;
        var m = b.Length;
        var previous = new double[m + 1];
        var current = new double[m + 1];
        Array.Fill(previous, double.PositiveInfinity);
        previous[0] = 0;
        for (var i = 1; i <= n; i++)
        {
            Array.Fill(current, double.PositiveInfinity);
            var centre = (int)((long)i * m / n);
            for (var j = Math.Max(1, centre - band); j <= Math.Min(m, centre + band); j++)
            {
                var cost = Math.Min(Math.Abs(a[i - 1] - b[j - 1] - shift), 4f);
                current[j] = cost + Math.Min(previous[j - 1], Math.Min(previous[j], current[j - 1]));
            }

            (previous, current) = (current, previous);
        }

        return previous[m] / Math.Max(n, m);
    }

    private static int RunLength(float[] midi, int i)
    {
        var start = i;
        while (start > 0 && !float.IsNaN(midi[start - 1]))
        {
            start--;
        }

        var end = i;
        while (end < midi.Length - 1 && !float.IsNaN(midi[end + 1]) && end - start < 3)
        {
            end++;
        }

        return end - start + 1;
    }

    private static float Median(List<float> values)
    {
        values.Sort();
        var n = values.Count;
        return n % 2 == 1 ? values[n / 2] : 0.5f * (values[(n / 2) - 1] + values[n / 2]);
    }
}
