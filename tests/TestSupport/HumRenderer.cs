namespace SampleMind.TestSupport;

/// <summary>
/// Renders an imperfect "hum" of a melody given as a pitch track: transposed, at another tempo, with vibrato,
/// pitch jitter and background noise, as a harmonic voice-like tone (query-by-humming tests).
/// </summary>
public static class HumRenderer
{
    /// <summary>How a hum departs from the melody it imitates.</summary>
    /// <param name="Semitones">Transposition (on top of whole octaves that bring the melody into a vocal range).</param>
    /// <param name="Tempo">Speed relative to the melody (1.2 is 20 % faster).</param>
    /// <param name="VibratoSemitones">Depth of a 5.5 Hz vibrato.</param>
    /// <param name="NoiseLevel">RMS of added white noise relative to the tone's amplitude.</param>
    public sealed record Style(double Semitones, double Tempo, double VibratoSemitones = 0.35, double NoiseLevel = 0.1);

    /// <summary>
    /// Renders mono audio at <paramref name="sampleRate"/> Hz. <paramref name="midiTenths"/> holds one pitch per frame
    /// (tenths of a MIDI semitone, 0 = silent) at <paramref name="frameRate"/> frames per second; the track is
    /// median-smoothed first, the way a singer would carry a melody rather than its pitch-tracker glitches.
    /// </summary>
    public static float[] Render(IReadOnlyList<short> midiTenths, double frameRate, Style style, int sampleRate, int seed)
    {
        ArgumentNullException.ThrowIfNull(midiTenths);
        ArgumentNullException.ThrowIfNull(style);
        var smooth = Smooth(midiTenths);
        var register = VocalOctaveShift(smooth, style.Semitones);
        var random = new Random(seed);
        var seconds = smooth.Length / frameRate / style.Tempo;
        var output = new float[(int)(seconds * sampleRate) + sampleRate / 4];
        var phase = 0.0;
        var gain = 0.0;
        var jitter = 0.0;
        for (var i = 0; i < output.Length; i++)
        {
            var t = (double)i / sampleRate;
            var frame = (int)(t * style.Tempo * frameRate);
            var midi = frame < smooth.Length ? smooth[frame] : 0;
            var target = midi > 0 ? 0.3 : 0.0;
            gain += (target - gain) * 0.005; // ~10 ms attack and release
            if (i % 64 == 0)
            {
                jitter = (0.95 * jitter) + (0.05 * Gaussian(random) * 0.3);
            }

            if (midi > 0)
            {
                var note = midi + register + style.Semitones + (style.VibratoSemitones * Math.Sin(2 * Math.PI * 5.5 * t)) + jitter;
                phase += 2 * Math.PI * 440 * Math.Pow(2, (note - 69) / 12) / sampleRate;
            }

            var tone = Math.Sin(phase) + (0.5 * Math.Sin(2 * phase)) + (0.25 * Math.Sin(3 * phase));
            output[i] = (float)((gain * tone / 1.75) + (style.NoiseLevel * 0.3 * Gaussian(random)));
        }

        return output;
    }

    /// <summary>Whole octaves that bring the melody's median into a hummable range (C3..D4), as a singer would.</summary>
    private static int VocalOctaveShift(double[] semitones, double transpose)
    {
        var voiced = semitones.Where(s => s > 0).Order().ToArray();
        if (voiced.Length == 0)
        {
            return 0;
        }

        var median = voiced[voiced.Length / 2] + transpose;
        var shift = 0;
        while (median + shift < 48)
        {
            shift += 12;
        }

        while (median + shift > 62)
        {
            shift -= 12;
        }

        return shift;
    }

    /// <summary>Pitches in semitones (0 = silent), each voiced frame replaced by the median of its voiced neighbours.</summary>
    private static double[] Smooth(IReadOnlyList<short> tenths)
    {
        var result = new double[tenths.Count];
        var window = new List<double>(5);
        for (var i = 0; i < tenths.Count; i++)
        {
            if (tenths[i] <= 0)
            {
                continue;
            }

            window.Clear();
            for (var j = Math.Max(0, i - 2); j <= Math.Min(tenths.Count - 1, i + 2); j++)
            {
                if (tenths[j] > 0)
                {
                    window.Add(tenths[j] / 10.0);
                }
            }

            window.Sort();
            result[i] = window[window.Count / 2];
        }

        return result;
    }

    private static double Gaussian(Random r) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - r.NextDouble())) * Math.Cos(2.0 * Math.PI * r.NextDouble());
}
