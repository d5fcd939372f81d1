namespace SampleMind.GpuWorker.Variations;

/// <summary>
/// Character-keeping DSP changes: time/pitch (Rubber Band), a filter, an envelope reshaping, and
/// for loops a re-sequencing of equal slices. Each step says what it did.
/// </summary>
internal static class DspVariations
{
    /// <summary>Shortest audio treated as a loop whose slices may be re-sequenced (seconds).</summary>
    private const double MinLoopSeconds = 1.0;

    public static (float[][] Audio, List<string> Steps) Apply(float[][] source, int sampleRate, VariationRequest request)
    {
        var random = new Random(request.Seed);
        var steps = new List<string>();
        var audio = source.Select(c => (float[])c.Clone()).ToArray();
        var frames = audio[0].Length;
        if (request.AllowResequence && frames >= MinLoopSeconds * sampleRate)
        {
            var slices = frames >= 4 * sampleRate ? 16 : 8;
            audio = Resequence(audio, slices, random, sampleRate);
            steps.Add($"re-sequenced {slices} equal slices (pairs swapped, 5 ms cross-fades)");
        }

        var ratio = request.TimeRatio ?? (0.92 + (0.16 * random.NextDouble()));
        var semitones = request.PitchSemitones ?? 0;
        audio = TimePitchProcessor.Apply(audio, sampleRate, ratio, semitones);
        steps.Add($"time ratio {ratio:0.000} and pitch shift {semitones:+0.##;-0.##;0} semitones (Rubber Band R3)");
        steps.Add(Filter(audio, sampleRate, random));
        steps.Add(Envelope(audio, sampleRate, random));
        Normalise(audio, Peak(source));
        return (audio, steps);
    }

    private static string Filter(float[][] audio, int sampleRate, Random random)
    {
        switch (random.Next(3))
        {
            case 0:
                var cutoff = 2500 + (5000 * random.NextDouble());
                Biquad.LowPass(cutoff, sampleRate).Apply(audio);
                return $"low-pass at {cutoff:0} Hz";
            case 1:
                var corner = 120 + (200 * random.NextDouble());
                Biquad.HighPass(corner, sampleRate).Apply(audio);
                return $"high-pass at {corner:0} Hz";
            default:
                var gain = random.NextDouble() < 0.5 ? -9.0 : 6.0;
                Biquad.HighShelf(3000, sampleRate, gain).Apply(audio);
                return $"high shelf {gain:+0;-0} dB above 3 kHz";
        }
    }

    private static string Envelope(float[][] audio, int sampleRate, Random random)
    {
        var attack = (int)(sampleRate * (0.005 + (0.025 * random.NextDouble())));
        var decay = 0.5 + random.NextDouble();
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

    private static float[][] Resequence(float[][] audio, int slices, Random random, int sampleRate)
    {
        var frames = audio[0].Length;
        var length = frames / slices;
        var order = Enumerable.Range(0, slices).ToArray();
        for (var i = 0; i + 1 < slices; i += 2)
        {
            if (random.NextDouble() < 0.6)
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
