namespace SampleMind.Audio.Dsp;

/// <summary>Sample-rate conversion with libsoxr (band-limited, linear phase).</summary>
public static class Resampler
{
    /// <summary>
    /// Resamples interleaved float audio from <paramref name="inputRate"/> to <paramref name="outputRate"/> Hz.
    /// Returns a copy when the rates are equal. Output length is round(frames * outputRate / inputRate) frames.
    /// </summary>
    public static float[] Resample(
        ReadOnlySpan<float> interleaved, int channels, int inputRate, int outputRate, ResampleQuality quality = ResampleQuality.High)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputRate, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputRate, 1);
        if (inputRate == outputRate)
        {
            return interleaved.ToArray();
        }

        using var output = new SampleBuffer((int)((long)interleaved.Length * outputRate / inputRate) + 1024);
        using (var resampler = new StreamingResampler(inputRate, outputRate, channels, quality))
        {
            resampler.Process(interleaved, output);
            resampler.Flush(output);
        }

        return output.ToArray();
    }
}
