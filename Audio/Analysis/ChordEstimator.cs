namespace SampleMind.Audio.Analysis;

/// <summary>
/// Chords over time: per-frame chroma against 24 triad templates plus "no chord", smoothed by a
/// Viterbi pass with a strong self-transition, then merged into segments.
/// </summary>
internal static class ChordEstimator
{
    private const int States = 25;
    private const double Switch = -6.0;
    private const double Sharpness = 12.0;

    public static IReadOnlyList<ChordSegment> Estimate(SpectralFrames frames)
    {
        if (frames.Count == 0)
        {
            return [];
        }

        var templates = Templates();
        var path = new int[frames.Count];
        var back = new byte[frames.Count * States];
        var delta = new double[States];
        var next = new double[States];
        for (var t = 0; t < frames.Count; t++)
        {
            var bestPrev = 0;
            for (var s = 1; s < States; s++)
            {
                bestPrev = delta[s] > delta[bestPrev] ? s : bestPrev;
            }

            for (var s = 0; s < States; s++)
            {
                var stay = delta[s];
                var jump = delta[bestPrev] + Switch;
                var from = stay >= jump ? s : bestPrev;
                next[s] = Math.Max(stay, jump) + Emission(frames, t, templates, s);
                back[(t * States) + s] = (byte)from;
            }

            (delta, next) = (next, delta);
        }

        var state = 0;
        for (var s = 1; s < States; s++)
        {
            state = delta[s] > delta[state] ? s : state;
        }

        for (var t = frames.Count - 1; t >= 0; t--)
        {
            path[t] = state;
            state = back[(t * States) + state];
        }

        return Segments(path, frames.FrameRate);
    }

    private static double Emission(SpectralFrames frames, int t, double[][] templates, int state)
    {
        var chroma = frames.Chroma.AsSpan(t * 12, 12);
        double norm = 0, dot = 0;
        for (var i = 0; i < 12; i++)
        {
            norm += chroma[i] * chroma[i];
        }

        if (norm <= 1e-12)
        {
            return state == 24 ? 0 : -Sharpness;
        }

        var template = templates[state];
        for (var i = 0; i < 12; i++)
        {
            dot += chroma[i] * template[i];
        }

        return Sharpness * dot / Math.Sqrt(norm);
    }

    private static double[][] Templates()
    {
        var templates = new double[States][];
        for (var root = 0; root < 12; root++)
        {
            templates[root] = Triad(root, 4);
            templates[12 + root] = Triad(root, 3);
        }

        templates[24] = Enumerable.Repeat(0.5 / Math.Sqrt(3), 12).ToArray();
        return templates;
    }

    private static double[] Triad(int root, int third)
    {
        var t = new double[12];
        var v = 1 / Math.Sqrt(3);
        t[root] = v;
        t[(root + third) % 12] = v;
        t[(root + 7) % 12] = v;
        return t;
    }

    private static List<ChordSegment> Segments(int[] path, double frameRate)
    {
        var segments = new List<ChordSegment>();
        var start = 0;
        for (var t = 1; t <= path.Length; t++)
        {
            if (t < path.Length && path[t] == path[start])
            {
                continue;
            }

            segments.Add(new ChordSegment
            {
                Start = Math.Round(start / frameRate, 3),
                End = Math.Round(t / frameRate, 3),
                Label = Label(path[start]),
            });
            start = t;
        }

        return segments;
    }

    private static string Label(int state) =>
        state == 24 ? "N" : $"{PitchNames.Sharps[state % 12]}:{(state < 12 ? "maj" : "min")}";
}
