namespace SampleMind.Audio.Analysis;

/// <summary>
/// Tempo from the onset envelope: autocorrelation weighted by a log-normal prior around 120 BPM
/// picks the period, dynamic-programming beat tracking (Ellis 2007) places beats, and a linear
/// regression of the sub-frame beat times refines the BPM.
/// </summary>
internal static class TempoEstimator
{
    private const double MinBpm = 50;
    private const double MaxBpm = 220;

    public static TempoInfo? Estimate(ReadOnlySpan<float> onset, double frameRate)
    {
        var n = onset.Length;
        var minLag = (int)Math.Floor(60 * frameRate / MaxBpm);
        var maxLag = (int)Math.Ceiling(60 * frameRate / MinBpm);
        if (n < 2 * minLag + 8 || n < frameRate * 1.5)
        {
            return null;
        }

        var env = Normalise(onset);
        maxLag = Math.Min(maxLag, n / 2);
        var acf = Smooth(Autocorrelation(env, maxLag * 2 + 2));
        if (acf[0] <= 1e-9)
        {
            return null;
        }

        var best = -1;
        var bestScore = double.NegativeInfinity;
        for (var lag = minLag; lag <= maxLag; lag++)
        {
            var bpm = 60 * frameRate / lag;
            var prior = Math.Exp(-0.5 * Math.Pow(Math.Log2(bpm / 120) / 0.9, 2));
            var score = (acf[lag] + (0.5 * (2 * lag < acf.Length ? acf[2 * lag] : 0))) * prior;
            if (score > bestScore && IsPeak(acf, lag))
            {
                bestScore = score;
                best = lag;
            }
        }

        if (best < 0)
        {
            return null;
        }

        var period = best + ParabolicOffset(acf, best);
        var confidence = Math.Clamp(acf[best] / acf[0], 0, 1);
        var beats = BeatTracker.Track(env, period);
        var refined = RefinePeriod(env, beats, period);
        var bpmFinal = 60 * frameRate / refined;
        var beatTimes = new double[beats.Count];
        for (var i = 0; i < beats.Count; i++)
        {
            beatTimes[i] = Math.Round(beats[i] / frameRate, 4);
        }

        return new TempoInfo
        {
            Bpm = Math.Round(bpmFinal, 2),
            Confidence = Math.Round(confidence, 3),
            HalfTimeBpm = Math.Round(bpmFinal / 2, 2),
            DoubleTimeBpm = Math.Round(bpmFinal * 2, 2),
            BeatTimes = beatTimes,
        };
    }

    private static double[] Normalise(ReadOnlySpan<float> onset)
    {
        var env = new double[onset.Length];
        var mean = 0.0;
        for (var i = 0; i < onset.Length; i++)
        {
            mean += onset[i];
        }

        mean /= onset.Length;
        var variance = 0.0;
        for (var i = 0; i < onset.Length; i++)
        {
            env[i] = onset[i] - mean;
            variance += env[i] * env[i];
        }

        var std = Math.Sqrt(variance / onset.Length);
        if (std > 1e-9)
        {
            for (var i = 0; i < env.Length; i++)
            {
                env[i] /= std;
            }
        }

        return env;
    }

    private static double[] Autocorrelation(double[] env, int lags)
    {
        lags = Math.Min(lags, env.Length - 1);
        var acf = new double[lags + 1];
        for (var lag = 0; lag <= lags; lag++)
        {
            var sum = 0.0;
            for (var i = 0; i + lag < env.Length; i++)
            {
                sum += env[i] * env[i + lag];
            }

            acf[lag] = sum / (env.Length - lag);
        }

        return acf;
    }

    /// <summary>[0.5, 1, 0.5] smoothing: a period between two integer lags splits its peak, which would favour an exact multiple.</summary>
    private static double[] Smooth(double[] acf)
    {
        var smoothed = new double[acf.Length];
        for (var i = 0; i < acf.Length; i++)
        {
            var left = i > 0 ? acf[i - 1] : acf[i];
            var right = i + 1 < acf.Length ? acf[i + 1] : acf[i];
            smoothed[i] = (acf[i] + (0.5 * (left + right))) / 2;
        }

        return smoothed;
    }

    private static bool IsPeak(double[] acf, int lag) =>
        lag > 0 && lag + 1 < acf.Length && acf[lag] >= acf[lag - 1] && acf[lag] >= acf[lag + 1] && acf[lag] > 0;

    private static double ParabolicOffset(double[] values, int i)
    {
        if (i <= 0 || i + 1 >= values.Length)
        {
            return 0;
        }

        double a = values[i - 1], b = values[i], c = values[i + 1];
        var d = a - (2 * b) + c;
        return d < 0 ? Math.Clamp(0.5 * (a - c) / d, -0.5, 0.5) : 0;
    }

    /// <summary>Least-squares slope of sub-frame beat positions against beat index; keeps the ACF period when they disagree.</summary>
    private static double RefinePeriod(double[] env, List<int> beats, double period)
    {
        if (beats.Count < 4)
        {
            return period;
        }

        var positions = new double[beats.Count];
        var index = new double[beats.Count];
        index[0] = 0;
        positions[0] = beats[0] + ParabolicOffset(env, beats[0]);
        for (var i = 1; i < beats.Count; i++)
        {
            positions[i] = beats[i] + ParabolicOffset(env, beats[i]);
            index[i] = index[i - 1] + Math.Max(1, Math.Round((beats[i] - beats[i - 1]) / period));
        }

        double mx = 0, my = 0;
        for (var i = 0; i < positions.Length; i++)
        {
            mx += index[i];
            my += positions[i];
        }

        mx /= positions.Length;
        my /= positions.Length;
        double sxy = 0, sxx = 0;
        for (var i = 0; i < positions.Length; i++)
        {
            sxy += (index[i] - mx) * (positions[i] - my);
            sxx += (index[i] - mx) * (index[i] - mx);
        }

        var slope = sxx > 0 ? sxy / sxx : period;
        return Math.Abs((slope / period) - 1) < 0.04 ? slope : period;
    }
}
