using SampleMind.Audio.Pipeline;

namespace SampleMind.Audio.Analysis;

/// <summary>Summarises spectral frames and time-domain features into <see cref="TimbreInfo"/> with descriptor tags (<see cref="DescriptorStrengths"/>).</summary>
internal static class TimbreAnalyzer
{
    public static TimbreInfo Analyze(SpectralFrames f, TimeDomainFeatures td, FrontEndResult front, int onsetCount, double duration, int channels)
    {
        var active = ActiveFrames(f);
        var totalBands = f.Bands[1] + f.Bands[2] + f.Bands[3];
        double Fraction(double v) => totalBands > 0 ? Math.Round(v / totalBands, 4) : 0;
        var contrast = new double[SpectralFrames.ContrastBands];
        for (var b = 0; b < contrast.Length; b++)
        {
            contrast[b] = Math.Round(Stat(f.Contrast, active, SpectralFrames.ContrastBands, b).Mean, 3);
        }

        var mfccMean = new double[SpectralFrames.MfccCount];
        var mfccStd = new double[SpectralFrames.MfccCount];
        for (var c = 0; c < mfccMean.Length; c++)
        {
            var s = Stat(f.Mfcc, active, SpectralFrames.MfccCount, c);
            mfccMean[c] = Math.Round(s.Mean, 4);
            mfccStd[c] = Math.Round(s.Std, 4);
        }

        var info = new TimbreInfo
        {
            CentroidHz = Round(Stat(f.Centroid, active, 1, 0), 1),
            RolloffHz = Round(Stat(f.Rolloff, active, 1, 0), 1),
            Flatness = Round(Stat(f.Flatness, active, 1, 0), 4),
            BandwidthHz = Round(Stat(f.Bandwidth, active, 1, 0), 1),
            ContrastDb = contrast,
            MfccMean = mfccMean,
            MfccStd = mfccStd,
            AttackSeconds = Math.Round(td.AttackSeconds(), 4),
            DecaySeconds = Math.Round(td.DecaySeconds(), 4),
            StereoWidth = Math.Round(front.StereoWidth, 4),
            LowEnergy = Fraction(f.Bands[1]),
            MidEnergy = Fraction(f.Bands[2]),
            HighEnergy = Fraction(f.Bands[3]),
            SubEnergy = Fraction(f.Bands[0]),
            ZeroCrossingRate = Math.Round(td.ZeroCrossingRate, 4),
            OnsetRate = duration > 0 ? Math.Round(onsetCount / duration, 3) : 0,
            Tags = [],
        };
        return info with { Tags = DescriptorStrengths.Tags(info, front.Loudness.CrestFactorDb, front.ClippedSamples,
            Math.Round(front.StereoCorrelation, 4), channels) }; // rounded as the defect report stores it, which DescriptorStrengths.Of reads
    }

    /// <summary>Frames within 60 dB of the loudest frame.</summary>
    internal static bool[] ActiveFrames(SpectralFrames f)
    {
        var max = 0f;
        foreach (var e in f.Energy)
        {
            max = Math.Max(max, e);
        }

        var active = new bool[f.Count];
        for (var i = 0; i < f.Count; i++)
        {
            active[i] = max > 0 && f.Energy[i] >= max * 1e-6f;
        }

        return active;
    }

    internal static StatSummary Stat(float[] values, bool[] active, int stride, int offset)
    {
        double sum = 0, sumSq = 0;
        var n = 0;
        for (var i = 0; i < active.Length; i++)
        {
            if (!active[i])
            {
                continue;
            }

            double v = values[(i * stride) + offset];
            sum += v;
            sumSq += v * v;
            n++;
        }

        if (n == 0)
        {
            return new StatSummary(0, 0);
        }

        var mean = sum / n;
        return new StatSummary(mean, Math.Sqrt(Math.Max(0, (sumSq / n) - (mean * mean))));
    }

    private static StatSummary Round(StatSummary s, int digits) => new(Math.Round(s.Mean, digits), Math.Round(s.Std, digits));
}
