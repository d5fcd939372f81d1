namespace SampleMind.Audio;

/// <summary>
/// Builds the 64-dimensional "sounds like" vector. Each raw feature is standardised with fixed
/// constants measured on a reference library (z = (x - mean) / std, clipped to ±4), multiplied by
/// its group weight so that no group dominates, and the whole vector is L2-normalised (compare with
/// cosine or L2). Layout (index: feature):
/// <list type="bullet">
/// <item>0-12: MFCC means (13, c0 = log energy)</item>
/// <item>13-25: MFCC standard deviations (13)</item>
/// <item>26-33: log spectral centroid, roll-off, bandwidth (mean, std each), flatness mean, std</item>
/// <item>34-39: spectral contrast of 6 octave bands (dB)</item>
/// <item>40-43: sub, low, mid, high energy fractions</item>
/// <item>44-50: log attack, log decay, log duration, log onset rate, zero-crossing rate, crest factor, stereo width</item>
/// <item>51-53: tempo confidence, pitch confidence, key confidence</item>
/// <item>54-63: the 10 largest values of the max-normalised mean chroma, descending (key-invariant tonal shape)</item>
/// </list>
/// </summary>
public static class EmbeddingBuilder
{
    /// <summary>Vector length.</summary>
    public const int Dimensions = 64;

    internal static float[] Build(TimbreInfo t, LoudnessInfo loudness, double duration, TempoInfo? tempo, PitchInfo? pitch, KeyInfo? key)
    {
        var raw = Raw(t, loudness, duration, tempo, pitch, key);
        var vector = new float[Dimensions];
        var norm = 0.0;
        for (var i = 0; i < Dimensions; i++)
        {
            var z = (raw[i] - EmbeddingConstants.Mean[i]) / EmbeddingConstants.Std[i];
            z = double.IsFinite(z) ? Math.Clamp(z, -4, 4) : 0;
            var v = z * EmbeddingConstants.Weight(i);
            vector[i] = (float)v;
            norm += v * v;
        }

        norm = Math.Sqrt(norm);
        if (norm > 1e-9)
        {
            for (var i = 0; i < Dimensions; i++)
            {
                vector[i] = (float)(vector[i] / norm);
            }
        }

        return vector;
    }

    /// <summary>The unstandardised features in layout order.</summary>
    internal static double[] Raw(TimbreInfo t, LoudnessInfo loudness, double duration, TempoInfo? tempo, PitchInfo? pitch, KeyInfo? key)
    {
        var raw = new double[Dimensions];
        for (var i = 0; i < 13; i++)
        {
            raw[i] = t.MfccMean[i];
            raw[13 + i] = t.MfccStd[i];
        }

        raw[26] = Log(t.CentroidHz.Mean);
        raw[27] = Log(t.CentroidHz.Std);
        raw[28] = Log(t.RolloffHz.Mean);
        raw[29] = Log(t.RolloffHz.Std);
        raw[30] = Log(t.BandwidthHz.Mean);
        raw[31] = Log(t.BandwidthHz.Std);
        raw[32] = t.Flatness.Mean;
        raw[33] = t.Flatness.Std;
        for (var b = 0; b < 6; b++)
        {
            raw[34 + b] = t.ContrastDb[b];
        }

        raw[40] = t.SubEnergy;
        raw[41] = t.LowEnergy;
        raw[42] = t.MidEnergy;
        raw[43] = t.HighEnergy;
        raw[44] = Math.Log(t.AttackSeconds + 0.001);
        raw[45] = Math.Log(t.DecaySeconds + 0.001);
        raw[46] = Math.Log(duration + 0.001);
        raw[47] = Math.Log(t.OnsetRate + 0.1);
        raw[48] = t.ZeroCrossingRate;
        raw[49] = loudness.CrestFactorDb ?? 0;
        raw[50] = t.StereoWidth;
        raw[51] = tempo?.Confidence ?? 0;
        raw[52] = pitch?.Confidence ?? 0;
        raw[53] = key?.Confidence ?? 0;
        if (key is not null)
        {
            var sorted = key.Chroma.OrderByDescending(v => v).ToArray();
            for (var i = 0; i < 10; i++)
            {
                raw[54 + i] = sorted[i];
            }
        }

        return raw;
    }

    private static double Log(double hz) => Math.Log(Math.Max(hz, 0) + 1);
}
