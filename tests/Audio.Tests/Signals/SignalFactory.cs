namespace SampleMind.Audio.Tests.Signals;

/// <summary>Generated test signals with known truth.</summary>
internal static class SignalFactory
{
    public static float[] Sine(double hz, double seconds, int rate, double amplitude = 0.5)
    {
        var x = new float[(int)(seconds * rate)];
        for (var n = 0; n < x.Length; n++)
        {
            x[n] = (float)(amplitude * Math.Sin(2 * Math.PI * hz * n / rate));
        }

        return x;
    }

    /// <summary>Short decaying 1.5 kHz clicks every 60/bpm seconds.</summary>
    public static float[] ClickTrack(double bpm, double seconds, int rate)
    {
        var x = new float[(int)(seconds * rate)];
        var period = 60.0 / bpm;
        for (var beat = 0; beat * period < seconds; beat++)
        {
            var start = (int)Math.Round(beat * period * rate);
            for (var n = 0; n < (int)(0.02 * rate) && start + n < x.Length; n++)
            {
                x[start + n] += (float)(0.8 * Math.Exp(-n / (0.003 * rate)) * Math.Sin(2 * Math.PI * 1500 * n / rate));
            }
        }

        return x;
    }

    /// <summary>Pink noise (Paul Kellet's filter on white noise), fixed seed.</summary>
    public static float[] PinkNoise(double seconds, int rate, int seed)
    {
        var random = new Random(seed);
        var x = new float[(int)(seconds * rate)];
        double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
        for (var n = 0; n < x.Length; n++)
        {
            var white = (random.NextDouble() * 2) - 1;
            b0 = (0.99886 * b0) + (white * 0.0555179);
            b1 = (0.99332 * b1) + (white * 0.0750759);
            b2 = (0.96900 * b2) + (white * 0.1538520);
            b3 = (0.86650 * b3) + (white * 0.3104856);
            b4 = (0.55000 * b4) + (white * 0.5329522);
            b5 = (-0.7616 * b5) - (white * 0.0168980);
            x[n] = (float)((b0 + b1 + b2 + b3 + b4 + b5 + b6 + (white * 0.5362)) * 0.11);
            b6 = white * 0.115926;
        }

        return x;
    }

    /// <summary>
    /// A progression (scale degrees 0..6 of the key) rendered twice with block chords, a root bass and
    /// a chord-tone melody, from harmonic tones (6 partials, 1/k amplitudes, exponential decay).
    /// </summary>
    public static float[] Progression(int tonic, bool minor, int[] degrees, double bpm, int rate, int seed)
    {
        int[] scale = minor ? [0, 2, 3, 5, 7, 8, 11] : [0, 2, 4, 5, 7, 9, 11];
        var random = new Random(seed);
        var beat = 60 / bpm;
        var x = new float[(int)(((degrees.Length * 2 * 4 * beat) + 1) * rate)];
        var register = 48 + tonic - (tonic > 6 ? 12 : 0);
        for (var bar = 0; bar < degrees.Length * 2; bar++)
        {
            var d = degrees[bar % degrees.Length];
            int Note(int degree) => scale[degree % 7] + (12 * (degree / 7));
            int[] chord = [Note(d), Note(d + 2), Note(d + 4)];
            var start = bar * 4 * beat;
            foreach (var n in chord)
            {
                Tone(x, rate, register + 12 + n, start, 4 * beat, 0.12);
            }

            Tone(x, rate, register - 12 + chord[0], start, 4 * beat, 0.25);
            for (var b = 0; b < 4; b++)
            {
                Tone(x, rate, register + 24 + chord[random.Next(3)], start + (b * beat), beat, 0.1);
            }
        }

        return x;
    }

    private static void Tone(float[] x, int rate, int midi, double start, double length, double gain)
    {
        var f0 = 440 * Math.Pow(2, (midi - 69) / 12.0);
        var first = (int)(start * rate);
        var count = (int)(length * rate);
        for (var k = 1; k <= 6 && k * f0 < rate / 2.2; k++)
        {
            for (var n = 0; n < count && first + n < x.Length; n++)
            {
                var t = (double)n / rate;
                var envelope = Math.Min(1, t / 0.01) * Math.Exp(-1.5 * t * k) * Math.Min(1, (count - n) / (0.02 * rate));
                x[first + n] += (float)(gain / k * envelope * Math.Sin(2 * Math.PI * k * f0 * n / rate));
            }
        }
    }
}
