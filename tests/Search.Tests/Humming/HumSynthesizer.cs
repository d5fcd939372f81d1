using SampleMind.Search.Humming;

namespace SampleMind.Search.Tests.Humming;

/// <summary>Random reference melodies and imperfect hums of them (transposed, tempo-changed, vibrato, noise, gaps).</summary>
internal static class HumSynthesizer
{
    public const double FrameRate = 100;

    /// <summary>A melody as (MIDI note, seconds) pairs: 8 to 12 notes on a random walk.</summary>
    public static (double Note, double Seconds)[] Melody(Random r)
    {
        var notes = new (double, double)[r.Next(8, 13)];
        var note = 60.0 + r.Next(-5, 6);
        for (var i = 0; i < notes.Length; i++)
        {
            note = Math.Clamp(note + r.Next(-5, 6), 48, 76);
            notes[i] = (note, 0.15 + (r.NextDouble() * 0.35));
        }

        return notes;
    }

    /// <summary>The clean contour of a melody.</summary>
    public static PitchContour Reference((double Note, double Seconds)[] melody) =>
        Render(melody, transpose: 0, tempo: 1, vibrato: 0, noise: 0, r: new Random(0), gaps: 0);

    /// <summary>A hum: transposed, tempo ×[0.8, 1.25], 5.5 Hz vibrato, pitch noise, unvoiced gaps and octave slips.</summary>
    public static PitchContour Hum((double Note, double Seconds)[] melody, Random r)
    {
        var transpose = r.Next(1, 6) * (r.Next(2) == 0 ? -1 : 1);
        var tempo = 0.8 + (r.NextDouble() * 0.45);
        return Render(melody, transpose, tempo, vibrato: 0.3, noise: 0.2, r, gaps: 4);
    }

    private static PitchContour Render(
        (double Note, double Seconds)[] melody, double transpose, double tempo, double vibrato, double noise, Random r, int gaps)
    {
        var frames = new List<float>();
        foreach (var (note, seconds) in melody)
        {
            var n = (int)(seconds / tempo * FrameRate);
            for (var i = 0; i < n; i++)
            {
                var t = frames.Count / FrameRate;
                var midi = note + transpose + (vibrato * Math.Sin(2 * Math.PI * 5.5 * t)) + (noise * Gaussian(r));
                frames.Add((float)(440 * Math.Pow(2, (midi - 69) / 12)));
            }
        }

        var f0 = frames.ToArray();
        for (var g = 0; g < gaps; g++)
        {
            var start = r.Next(f0.Length - 12);
            var length = r.Next(3, 10);
            for (var i = start; i < start + length; i++)
            {
                f0[i] = g % 2 == 0 ? 0 : float.NaN;
            }

            var slip = r.Next(f0.Length);
            f0[slip] *= 2;
        }

        return new PitchContour(f0, FrameRate);
    }

    private static double Gaussian(Random r) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - r.NextDouble())) * Math.Cos(2.0 * Math.PI * r.NextDouble());
}
