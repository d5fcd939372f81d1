namespace SampleMind.Audio.Pipeline;

/// <summary>
/// True peak (ITU-R BS.1770-4 style, 4x oversampling) computed only where it can matter: between
/// samples that are within 6 dB of the loudest sample seen so far. Each such pair gets three
/// interpolated points from a 12-tap-per-phase Hann-windowed sinc. Neighbours beyond a chunk edge
/// count as zero (a peak within 6 samples of a 64k-frame chunk edge may be slightly underestimated).
/// </summary>
internal sealed class TruePeakMeter
{
    private const int Taps = 12;
    private const int Before = 5;
    private static readonly float[][] s_phases = BuildPhases();
    private readonly int _channels;

    public TruePeakMeter(int channels) => _channels = channels;

    /// <summary>Largest absolute value, sample or interpolated, seen so far (linear).</summary>
    public float Peak { get; private set; }

    public void Process(ReadOnlySpan<float> chunk, float chunkPeak)
    {
        Peak = Math.Max(Peak, chunkPeak);
        var threshold = 0.5f * Peak;
        var frames = chunk.Length / _channels;
        for (var c = 0; c < _channels; c++)
        {
            for (var f = 0; f + 1 < frames; f++)
            {
                var a = Math.Abs(chunk[(f * _channels) + c]);
                var b = Math.Abs(chunk[((f + 1) * _channels) + c]);
                if (a < threshold && b < threshold)
                {
                    continue;
                }

                Interpolate(chunk, frames, f, c);
            }
        }
    }

    private void Interpolate(ReadOnlySpan<float> chunk, int frames, int frame, int channel)
    {
        foreach (var phase in s_phases)
        {
            var sum = 0f;
            for (var j = 0; j < Taps; j++)
            {
                var n = frame - Before + j;
                if (n >= 0 && n < frames)
                {
                    sum += chunk[(n * _channels) + channel] * phase[j];
                }
            }

            Peak = Math.Max(Peak, Math.Abs(sum));
        }
    }

    private static float[][] BuildPhases()
    {
        var phases = new float[3][];
        for (var p = 0; p < 3; p++)
        {
            var offset = (p + 1) / 4.0;
            phases[p] = new float[Taps];
            for (var j = 0; j < Taps; j++)
            {
                var t = offset - (j - Before);
                var sinc = Math.Abs(t) < 1e-12 ? 1 : Math.Sin(Math.PI * t) / (Math.PI * t);
                var window = 0.5 + (0.5 * Math.Cos(Math.PI * t / (Taps / 2.0 + 0.5)));
                phases[p][j] = (float)(sinc * window);
            }
        }

        return phases;
    }
}
