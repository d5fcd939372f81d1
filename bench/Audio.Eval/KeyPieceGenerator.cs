using System.Globalization;

namespace SampleMind.Audio.Eval;

/// <summary>
/// Renders short tonal pieces with known keys: a diatonic progression typical of the key
/// (major: I–vi–IV–V, I–IV–V–I, I–V–vi–IV, ii–V–I–I; minor: i–iv–V–i and i–VII–VI–V with the
/// harmonic-minor leading tone, i–VI–III–VII and i–VI–VII–i natural; one drawn at random per piece), block chords and a bass line from decaying harmonic
/// tones, a scale melody favouring chord tones, kick/snare/hat noise drums, a random tempo
/// (80–140 BPM) and random timbre brightness. Writes mono 16-bit WAVs and labels.csv (file,bpm,key).
/// </summary>
internal static class KeyPieceGenerator
{
    private static readonly int[] s_major = [0, 2, 4, 5, 7, 9, 11];
    private static readonly int[] s_harmonicMinor = [0, 2, 3, 5, 7, 8, 11];
    private static readonly int[] s_naturalMinor = [0, 2, 3, 5, 7, 8, 10];
    private static readonly int[][] s_majorProgressions = [[0, 5, 3, 4], [0, 3, 4, 0], [0, 4, 5, 3], [1, 4, 0, 0]];
    private static readonly (int[] Degrees, bool Harmonic)[] s_minorProgressions =
        [([0, 3, 4, 0], true), ([0, 5, 2, 6], false), ([0, 6, 5, 4], true), ([0, 5, 6, 0], false)];

    public static List<(string File, double Bpm, string Key)> Generate(string folder, int count, int seed, int sampleRate = 22050)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        var labels = new List<(string, double, string)>();
        for (var i = 0; i < count; i++)
        {
            var tonic = i % 12;
            var minor = (i / 12) % 2 == 1;
            var bpm = Math.Round(80 + (random.NextDouble() * 60), 1);
            var audio = Render(tonic, minor, bpm, random, sampleRate, random.Next(4));
            var name = $"piece_{i:000}_{Scoring.KeyName(tonic, minor).Replace(' ', '_').Replace("#", "s", StringComparison.Ordinal)}.wav";
            AudioEncoder.WriteWav(Path.Combine(folder, name), audio, sampleRate, 1);
            labels.Add((name, bpm, Scoring.KeyName(tonic, minor)));
        }

        File.WriteAllLines(Path.Combine(folder, "labels.csv"),
            new[] { "file,bpm,key" }.Concat(labels.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Item1},{l.Item2},{l.Item3}"))));
        return labels;
    }

    /// <summary>Renders one piece: 2 passes of a 4-chord progression, one chord per bar of 4 beats.</summary>
    public static float[] Render(int tonic, bool minor, double bpm, Random random, int sampleRate, int variant)
    {
        var beat = 60 / bpm;
        var (degrees, scale) = minor
            ? Pick(s_minorProgressions[variant % s_minorProgressions.Length])
            : (s_majorProgressions[variant % s_majorProgressions.Length], s_major);
        var bars = degrees.Length * 2;
        var output = new float[(int)((bars * 4 * beat + 1.5) * sampleRate)];
        var register = 48 + tonic - (tonic > 6 ? 12 : 0);
        var brightness = 1.2 + random.NextDouble();
        for (var bar = 0; bar < bars; bar++)
        {
            var degree = degrees[bar % degrees.Length];
            var start = bar * 4 * beat;
            var chord = new[] { Note(scale, degree), Note(scale, degree + 2), Note(scale, degree + 4) };
            foreach (var n in chord)
            {
                Tone(output, sampleRate, register + 12 + n, start, 4 * beat, 0.12, brightness, 1.5);
            }

            Tone(output, sampleRate, register - 12 + chord[0], start, 2 * beat, 0.25, brightness, 3);
            Tone(output, sampleRate, register - 12 + (bar % 2 == 0 ? chord[0] : chord[2]), start + (2 * beat), 2 * beat, 0.2, brightness, 3);
            for (var b = 0; b < 4; b++)
            {
                var melody = random.NextDouble() < 0.6 ? chord[random.Next(3)] : Note(scale, random.Next(7));
                Tone(output, sampleRate, register + 24 + melody, start + (b * beat), beat * 0.9, 0.1, brightness, 2);
                Drums(output, sampleRate, start + (b * beat), b, random);
            }
        }

        Normalise(output);
        return output;
    }

    private static (int[], int[]) Pick((int[] Degrees, bool Harmonic) p) => (p.Degrees, p.Harmonic ? s_harmonicMinor : s_naturalMinor);

    private static int Note(int[] scale, int degree) => scale[degree % 7] + (12 * (degree / 7));

    /// <summary>A harmonic tone: 8 partials with amplitude 1/k^(brightness), exponential decay, short attack.</summary>
    private static void Tone(float[] output, int rate, int midi, double start, double length, double gain, double brightness, double decay)
    {
        var f0 = 440 * Math.Pow(2, (midi - 69) / 12.0);
        var first = (int)(start * rate);
        var samples = (int)(length * rate);
        for (var k = 1; k <= 8 && k * f0 < rate / 2.2; k++)
        {
            var amplitude = gain / Math.Pow(k, brightness);
            var w = 2 * Math.PI * k * f0 / rate;
            for (var n = 0; n < samples && first + n < output.Length; n++)
            {
                var t = (double)n / rate;
                var envelope = Math.Min(1, t / 0.01) * Math.Exp(-decay * t * k / 2) * Math.Min(1, (samples - n) / (0.02 * rate));
                output[first + n] += (float)(amplitude * envelope * Math.Sin(w * n));
            }
        }
    }

    private static void Drums(float[] output, int rate, double time, int beatInBar, Random random)
    {
        var first = (int)(time * rate);
        var length = (int)(0.15 * rate);
        for (var n = 0; n < length && first + n < output.Length; n++)
        {
            var t = (double)n / rate;
            var sample = 0.0;
            if (beatInBar % 2 == 0)
            {
                sample += 0.5 * Math.Sin(2 * Math.PI * (50 + (100 * Math.Exp(-t * 30))) * t) * Math.Exp(-t * 20);
            }
            else
            {
                sample += 0.2 * ((random.NextDouble() * 2) - 1) * Math.Exp(-t * 25);
            }

            sample += 0.05 * ((random.NextDouble() * 2) - 1) * Math.Exp(-t * 80);
            output[first + n] += (float)sample;
        }
    }

    private static void Normalise(float[] output)
    {
        var peak = output.Max(Math.Abs);
        if (peak > 0)
        {
            for (var i = 0; i < output.Length; i++)
            {
                output[i] *= 0.8f / peak;
            }
        }
    }
}
