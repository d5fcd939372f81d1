namespace SampleMind.Audio.Analysis;

/// <summary>
/// Key from the energy-weighted mean chroma: each profile set (Krumhansl-Kessler, Temperley, Shaath)
/// correlates with the chroma for all 24 keys; the keys' mean correlation is the ensemble vote.
/// </summary>
internal static class KeyEstimator
{
    public static KeyInfo? Estimate(SpectralFrames frames)
    {
        var chroma = MeanChroma(frames);
        var max = chroma.Max();
        if (max <= 1e-9)
        {
            return null;
        }

        for (var i = 0; i < 12; i++)
        {
            chroma[i] /= max;
        }

        var scores = new double[24];
        foreach (var (major, minor) in KeyProfiles.All)
        {
            for (var tonic = 0; tonic < 12; tonic++)
            {
                scores[tonic] += Correlate(chroma, major, tonic) / KeyProfiles.All.Length;
                scores[12 + tonic] += Correlate(chroma, minor, tonic) / KeyProfiles.All.Length;
            }
        }

        var order = Enumerable.Range(0, 24).OrderByDescending(i => scores[i]).ToArray();
        var top = order.Take(3).Select(i => Candidate(i, scores[i])).ToArray();
        var margin = scores[order[0]] - scores[order[1]];
        var clarity = 1 - (chroma.Average() / 1.0);
        return new KeyInfo
        {
            Best = top[0],
            Top = top,
            Confidence = Math.Round(Math.Clamp(margin / 0.1, 0, 1) * Math.Clamp(scores[order[0]], 0, 1) * Math.Clamp(clarity * 1.5, 0, 1), 3),
            Chroma = chroma.Select(c => Math.Round(c, 4)).ToArray(),
        };
    }

    /// <summary>Per-frame chroma normalised to unit sum, weighted by the square root of frame energy.</summary>
    internal static double[] MeanChroma(SpectralFrames frames)
    {
        var sum = new double[12];
        for (var f = 0; f < frames.Count; f++)
        {
            var frame = frames.Chroma.AsSpan(f * 12, 12);
            var total = 0.0;
            foreach (var v in frame)
            {
                total += v;
            }

            if (total <= 1e-9)
            {
                continue;
            }

            var weight = Math.Sqrt(frames.Energy[f]) / total;
            for (var i = 0; i < 12; i++)
            {
                sum[i] += frame[i] * weight;
            }
        }

        return sum;
    }

    private static KeyCandidate Candidate(int index, double score)
    {
        var mode = index < 12 ? KeyMode.Major : KeyMode.Minor;
        var tonic = index % 12;
        return new KeyCandidate
        {
            TonicPitchClass = tonic,
            Tonic = PitchNames.Sharps[tonic],
            Mode = mode,
            Score = Math.Round(score, 4),
        };
    }

    private static double Correlate(double[] chroma, double[] profile, int tonic)
    {
        double mx = 0, my = 0;
        for (var i = 0; i < 12; i++)
        {
            mx += chroma[(i + tonic) % 12];
            my += profile[i];
        }

        mx /= 12;
        my /= 12;
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < 12; i++)
        {
            var x = chroma[(i + tonic) % 12] - mx;
            var y = profile[i] - my;
            sxy += x * y;
            sxx += x * x;
            syy += y * y;
        }

        return sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : 0;
    }
}
