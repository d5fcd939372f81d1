namespace SampleMind.GpuWorker.Variations;

/// <summary>
/// Character-keeping DSP changes: time/pitch (Rubber Band), a filter, an envelope reshaping, and
/// for loops a re-sequencing of equal slices. Each step says what it did. <see cref="VariationRequest.Variance"/>
/// sets how far the random changes go: 0 makes none (the source again, unless a time ratio or pitch shift is asked
/// for), the default 0.1 the mild ones (a stretch within 0.92–1.08, a filter, a reshaped envelope, about half the
/// slice pairs of a loop swapped), and 1 about three times as much.
/// </summary>
internal static class DspVariations
{
    /// <summary>Shortest audio treated as a loop whose slices may be re-sequenced (seconds).</summary>
    private const double MinLoopSeconds = 1.0;

    /// <summary>How far past the mild range a filter's corner may go (on its log scale), reached at variance 0.26.</summary>
    private const double MaxFilterAmount = 1.6;

    /// <summary>The largest random stretch either way at the mild changes (8 %).</summary>
    private const double MildStretch = 0.08;

    /// <summary>The variance whose changes are the mild ones (the default).</summary>
    private const double MildVariance = 0.1;

    public static (float[][] Audio, List<string> Steps) Apply(float[][] source, int sampleRate, VariationRequest request)
    {
        var random = new Random(request.Seed);
        var strength = Strength(request.Variance);
        var steps = new List<string>();
        var audio = source.Select(c => (float[])c.Clone()).ToArray();
        var frames = audio[0].Length;
        if (request.AllowResequence && strength > 0 && frames >= MinLoopSeconds * sampleRate)
        {
            var slices = frames >= 4 * sampleRate ? 16 : 8;
            audio = Resequence(audio, slices, Math.Min(0.9, 0.6 * strength), random, sampleRate);
            steps.Add($"re-sequenced {slices} equal slices (pairs swapped, 5 ms cross-fades)");
        }

        var ratio = request.TimeRatio ?? (1 + (MildStretch * strength * ((2 * random.NextDouble()) - 1)));
        var semitones = request.PitchSemitones ?? 0;
        if (ratio != 1 || semitones != 0)
        {
            audio = TimePitchProcessor.Apply(audio, sampleRate, ratio, semitones);
            steps.Add($"time ratio {ratio:0.000} and pitch shift {semitones:+0.##;-0.##;0} semitones (Rubber Band R3)");
        }

        if (strength > 0)
        {
            steps.Add(Filter(audio, sampleRate, Math.Min(MaxFilterAmount, strength), random));
            steps.Add(Envelope(audio, sampleRate, Math.Min(2, strength), random));
        }
        else
        {
            steps.Add("variance 0: no random changes");
        }

        Normalise(audio, Peak(source));
        return (audio, steps);
    }

    /// <summary>The longest a variation of <paramref name="variance"/> stretches its source when no time ratio is asked for.</summary>
    internal static double LongestRatio(double variance) => 1 + (MildStretch * Strength(variance));

    /// <summary>How far the random changes go, relative to the mild ones: 0 at variance 0, 1 at 0.1, about 3.2 at 1.</summary>
    internal static double Strength(double variance) => Math.Sqrt(Math.Clamp(variance, 0, 1) / MildVariance);

    /// <summary>
    /// A filter whose corner moves on a log scale from the edge of hearing (<paramref name="amount"/> 0) to the mild range
    /// (1) and past it (a low-pass down to about 700 Hz, a high-pass up to about 1.7 kHz, a shelf of up to 14 dB).
    /// </summary>
    private static string Filter(float[][] audio, int sampleRate, double amount, Random random)
    {
        switch (random.Next(3))
        {
            case 0:
                var cutoff = Math.Min(0.45 * sampleRate, 20000 * Math.Pow((2500 + (5000 * random.NextDouble())) / 20000, amount));
                Biquad.LowPass(cutoff, sampleRate).Apply(audio);
                return $"low-pass at {cutoff:0} Hz";
            case 1:
                var corner = 20 * Math.Pow((120 + (200 * random.NextDouble())) / 20, amount);
                Biquad.HighPass(corner, sampleRate).Apply(audio);
                return $"high-pass at {corner:0} Hz";
            default:
                var gain = (random.NextDouble() < 0.5 ? -9.0 : 6.0) * amount;
                Biquad.HighShelf(3000, sampleRate, gain).Apply(audio);
                return $"high shelf {gain:+0.#;-0.#} dB above 3 kHz";
        }
    }

    private static string Envelope(float[][] audio, int sampleRate, double amount, Random random)
    {
        var attack = (int)(sampleRate * amount * (0.005 + (0.025 * random.NextDouble())));
        var decay = amount * (0.5 + random.NextDouble());
        var frames = audio[0].Length;
        foreach (var channel in audio)
        {
            for (var i = 0; i < frames; i++)
            {
                var rise = i < attack ? (double)i / attack : 1.0;
                var tail = Math.Exp(-decay * i / Math.Max(1, frames));
                channel[i] *= (float)(rise * tail);
            }
        }

        return $"attack {attack * 1000.0 / sampleRate:0} ms, decay tilt {decay:0.00}";
    }

    private static float[][] Resequence(float[][] audio, int slices, double swapChance, Random random, int sampleRate)
    {
        var frames = audio[0].Length;
        var length = frames / slices;
        var order = Enumerable.Range(0, slices).ToArray();
        for (var i = 0; i + 1 < slices; i += 2)
        {
            if (random.NextDouble() < swapChance)
            {
                (order[i], order[i + 1]) = (order[i + 1], order[i]);
            }
        }

        var fade = Math.Min(length / 4, sampleRate / 200);
        var result = audio.Select(c => (float[])c.Clone()).ToArray();
        for (var c = 0; c < audio.Length; c++)
        {
            for (var s = 0; s < slices; s++)
            {
                var from = audio[c].AsSpan(order[s] * length, length);
                var to = result[c].AsSpan(s * length, length);
                from.CopyTo(to);
                for (var i = 0; i < fade; i++)
                {
                    var g = (float)(i + 1) / (fade + 1);
                    to[i] *= g;
                    to[length - 1 - i] *= g;
                }
            }
        }

        return result;
    }

    private static float Peak(float[][] audio) => audio.Max(c => c.Length == 0 ? 0 : c.Max(MathF.Abs));

    private static void Normalise(float[][] audio, float targetPeak)
    {
        var peak = Peak(audio);
        if (peak > 1e-9f && targetPeak > 0)
        {
            var gain = targetPeak / peak;
            foreach (var channel in audio)
            {
                System.Numerics.Tensors.TensorPrimitives.Multiply(channel, gain, channel);
            }
        }
    }
}
