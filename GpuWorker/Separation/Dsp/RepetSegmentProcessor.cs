using System.Numerics.Tensors;
using SampleMind.GpuWorker.Models;

namespace SampleMind.GpuWorker.Separation.Dsp;

/// <summary>
/// Repetition-based separation (REPET, Rafii and Pardo 2013): the beat spectrum (autocorrelation
/// of the power spectrogram over time, averaged over bins) gives the repeating period; the median
/// of the period-aligned frames gives the repeating model; min(model, mixture) / mixture is the
/// soft mask of the repeating background ("accompaniment"), its complement the foreground
/// ("vocals"). The stems sum to the input.
/// </summary>
internal sealed class RepetSegmentProcessor(SeparationOptions options) : ISegmentProcessor
{
    /// <summary>The shortest repeating period considered, in seconds.</summary>
    private const double MinPeriodSeconds = 0.4;

    private static readonly string[] s_stems = ["vocals", "accompaniment"];

    public string Method => SeparationMethods.DspRepet;

    public IReadOnlyList<string> StemNames => s_stems;

    public int Channels => 0;

    public int SampleRate => 0;

    public TransitionWindow Transition => TransitionWindow.Hann;

    public int SegmentLength(int sampleRate) => (int)(options.DspSegmentSeconds * sampleRate);

    public int OverlapLength(int sampleRate) => (int)(options.DspOverlapSeconds * sampleRate);

    public string Description =>
        $"repeating-pattern extraction (REPET, Rafii and Pardo 2013): STFT {options.DspFftSize}/{options.DspHopSize}, " +
        "period from the beat spectrum, repeating model by median, soft mask; vocals = non-repeating part";

    public Task<float[]> ProcessAsync(float[] segment, int channels, int sampleRate, object request, CancellationToken cancellationToken) =>
        Task.Run(() => Separate(segment, channels, sampleRate), cancellationToken);

    internal float[] Separate(float[] segment, int channels, int sampleRate)
    {
        var length = segment.Length / channels;
        var masking = new SpectralMasking(options.DspFftSize, options.DspHopSize);
        var spectrograms = masking.Analyse(segment, channels, length);
        var frames = spectrograms[0].Frames;
        var bins = spectrograms[0].Bins;
        var magnitude = SpectralMasking.MeanMagnitude(spectrograms);
        var minLag = Math.Max(1, (int)Math.Round(MinPeriodSeconds * sampleRate / options.DspHopSize));
        var period = RepeatingPeriod(magnitude, frames, bins, minLag);
        var background = RepeatingMask(magnitude, frames, bins, period);
        var foreground = new float[background.Length];
        for (var i = 0; i < background.Length; i++)
        {
            foreground[i] = 1f - background[i];
        }

        return masking.Synthesise(spectrograms, [foreground, background], length);
    }

    /// <summary>
    /// The lag (frames) in [minLag, frames / 3] where the beat spectrum peaks, so the period repeats
    /// at least three times; the whole segment when it is too short for that.
    /// </summary>
    internal static int RepeatingPeriod(ReadOnlySpan<float> magnitude, int frames, int bins, int minLag)
    {
        var maxLag = frames / 3;
        if (maxLag < minLag)
        {
            return frames;
        }

        var power = new float[magnitude.Length];
        TensorPrimitives.Multiply(magnitude, magnitude, power);
        var best = minLag;
        var bestValue = double.MinValue;
        for (var lag = minLag; lag <= maxLag; lag++)
        {
            var sum = 0.0;
            for (var f = 0; f + lag < frames; f++)
            {
                sum += TensorPrimitives.Dot(power.AsSpan(f * bins, bins), power.AsSpan((f + lag) * bins, bins));
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
