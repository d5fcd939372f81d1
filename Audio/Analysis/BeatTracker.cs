namespace SampleMind.Audio.Analysis;

/// <summary>Dynamic-programming beat tracker (Ellis 2007): onset strength plus a log-interval penalty around the period.</summary>
internal static class BeatTracker
{
    private const double Tightness = 100;

    public static List<int> Track(double[] env, double period)
    {
        var n = env.Length;
        var score = new double[n];
        var back = new int[n];
        var minStep = Math.Max(1, (int)Math.Round(period / 2));
        var maxStep = Math.Max(minStep + 1, (int)Math.Round(period * 2));
        for (var t = 0; t < n; t++)
        {
            var best = 0.0;
            var from = -1;
            for (var p = t - maxStep; p <= t - minStep; p++)
            {
                if (p < 0)
                {
                    continue;
                }

                var penalty = Math.Log((t - p) / period);
                var candidate = score[p] - (Tightness * penalty * penalty);
                if (from < 0 || candidate > best)
                {
                    best = candidate;
                    from = p;
                }
            }

            score[t] = env[t] + (from >= 0 ? Math.Max(0, best) : 0);
            back[t] = from >= 0 && best > 0 ? from : -1;
        }

        var end = LastBeat(score, period);
        var beats = new List<int>();
        for (var t = end; t >= 0; t = back[t])
        {
            beats.Add(t);
        }

        beats.Reverse();
        return beats;
    }

    /// <summary>The best-scoring frame within the last period (scores grow along the track).</summary>
    private static int LastBeat(double[] score, double period)
    {
        var n = score.Length;
        var start = Math.Max(0, n - (int)Math.Ceiling(period) - 1);
        var best = start;
        for (var t = start; t < n; t++)
        {
            if (score[t] > score[best])
            {
                best = t;
            }
        }

        return best;
    }
}
