using System.Numerics.Tensors;

namespace SampleMind.GpuWorker.Separation.Dsp;

/// <summary>
/// Repetition-based separation (REPET, Rafii and Pardo 2013): the beat spectrum (autocorrelation
/// of each bin's normalised magnitude over time, averaged over bins) gives the repeating period; the median
/// of the period-aligned frames gives the repeating model; min(model, mixture) / mixture is the
/// soft mask of the repeating background ("accompaniment"), its complement the foreground
/// ("vocals"). The stems sum to the input.
/// </summary>
internal sealed class RepetSegmentProcessor(SeparationOptions options) : DspSegmentProcessor(options)
{
    /// <summary>The shortest repeating period considered, in seconds.</summary>
    private const double MinPeriodSeconds = 0.4;

    private static readonly string[] s_stems = ["vocals", "accompaniment"];

    public override string Method => SeparationMethods.DspRepet;

    public override IReadOnlyList<string> StemNames => s_stems;

    public override string Description =>
        $"repeating-pattern extraction (REPET, Rafii and Pardo 2013): STFT {Options.DspFftSize}/{Options.DspHopSize}, " +
        "period from the beat spectrum, repeating model by median, soft mask; vocals = non-repeating part";

    public override Task<float[]> ProcessAsync(float[] segment, int channels, int sampleRate, object request, CancellationToken cancellationToken) =>
        Task.Run(() => Separate(segment, channels, sampleRate), cancellationToken);

    internal float[] Separate(float[] segment, int channels, int sampleRate)
    {
        var length = segment.Length / channels;
        var masking = new SpectralMasking(Options.DspFftSize, Options.DspHopSize);
        var spectrograms = masking.Analyse(segment, channels, length);
        var frames = spectrograms[0].Frames;
        var bins = spectrograms[0].Bins;
        var magnitude = SpectralMasking.MeanMagnitude(spectrograms);
        var minLag = Math.Max(1, (int)Math.Round(MinPeriodSeconds * sampleRate / Options.DspHopSize));
        var period = RepeatingPeriod(magnitude, frames, bins, minLag);
        var foreground = RepeatingMask(magnitude, frames, bins, period);
        for (var i = 0; i < foreground.Length; i++)
        {
            foreground[i] = 1f - foreground[i];
        }

        return masking.SynthesisePair(segment, spectrograms, foreground, length);
    }

    /// <summary>
    /// The lag (frames) in [minLag, frames / 3] where the beat spectrum peaks, so the period repeats
    /// at least three times; the whole segment when it is too short for that. Each bin's magnitude
    /// is centred and scaled to unit energy first, so loud sustained partials (whose own
    /// autocorrelation is high at every short lag) do not outweigh the many bins of the pattern.
    /// </summary>
    internal static int RepeatingPeriod(ReadOnlySpan<float> magnitude, int frames, int bins, int minLag)
    {
        var maxLag = frames / 3;
        if (maxLag < minLag)
        {
            return frames;
        }

        var normalised = NormalisePerBin(magnitude, frames, bins);
        var best = minLag;
        var bestValue = double.MinValue;
        for (var lag = minLag; lag <= maxLag; lag++)
        {
            var sum = 0.0;
            for (var f = 0; f + lag < frames; f++)
            {
                sum += TensorPrimitives.Dot(normalised.AsSpan(f * bins, bins), normalised.AsSpan((f + lag) * bins, bins));
            }

            var value = sum / (frames - lag);
            if (value > bestValue)
            {
                bestValue = value;
                best = lag;
            }
        }

        return best;
    }

    private static float[] NormalisePerBin(ReadOnlySpan<float> magnitude, int frames, int bins)
    {
        var result = new float[magnitude.Length];
        for (var b = 0; b < bins; b++)
        {
            var mean = 0.0;
            for (var f = 0; f < frames; f++)
            {
                mean += magnitude[(f * bins) + b];
            }

            mean /= frames;
            var energy = 0.0;
            for (var f = 0; f < frames; f++)
            {
                var x = magnitude[(f * bins) + b] - mean;
                result[(f * bins) + b] = (float)x;
                energy += x * x;
            }

            var scale = energy > 1e-20 ? (float)(1 / Math.Sqrt(energy)) : 0f;
            for (var f = 0; f < frames; f++)
            {
                result[(f * bins) + b] *= scale;
            }
        }

        return result;
    }

    /// <summary>The soft mask of the repeating part: min(median over periods, mixture) / mixture.</summary>
    internal static float[] RepeatingMask(ReadOnlySpan<float> magnitude, int frames, int bins, int period)
    {
        var mask = new float[magnitude.Length];
        var repetitions = (frames + period - 1) / period;
        Span<float> scratch = new float[repetitions];
        for (var i = 0; i < Math.Min(period, frames); i++)
        {
            for (var b = 0; b < bins; b++)
            {
                var n = 0;
                for (var f = i; f < frames; f += period)
                {
                    scratch[n++] = magnitude[(f * bins) + b];
                }

                var model = MedianFilter.Median(scratch[..n]);
                for (var f = i; f < frames; f += period)
                {
                    var v = magnitude[(f * bins) + b];
                    mask[(f * bins) + b] = v > 1e-12f ? Math.Min(model, v) / v : 1f;
                }
            }
        }

        return mask;
    }
}
