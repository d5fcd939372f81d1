namespace SampleMind.Audio.Analysis;

/// <summary>
/// Graded timbre descriptors: how bright, dark, warm, noisy, punchy, distorted, sub-heavy, wide and mono-compatible a
/// sample sounds, each in [0, 1], from the analysis' timbre, loudness and defect measurements. Each grade is a linear
/// ramp (or the smallest of several, for a descriptor with several conditions) centred on the threshold of the
/// analysis' descriptor tag, so a sample carries the tag exactly when the grade is above 0.5
/// (<see cref="TimbreInfo.Tags"/> are derived from these grades), and search ranks a sample that is clearly bright
/// above one that only just is.
/// </summary>
public static class DescriptorStrengths
{
    /// <summary>The graded descriptors, in the order analysis lists their tags.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["bright", "dark", "warm", "noisy", "punchy", "distorted", "sub-heavy", "wide", "mono-compatible"];

    /// <summary>
    /// The grades of an analysed sample, the descriptors above zero only, rounded up to 0.001 (so a grade above 0.5 stays
    /// above it, as its tag says); null when the analysis has no timbre or defect report, so search falls back to tags.
    /// </summary>
    public static IReadOnlyDictionary<string, double>? Of(SampleAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        if (analysis.Timbre is not { } timbre || analysis.Defects is not { } defects)
        {
            return null;
        }

        Span<double> grades = stackalloc double[Names.Count];
        Grade(timbre, analysis.Loudness.CrestFactorDb, defects.ClippedSamples, defects.StereoCorrelation, analysis.Format.Channels, grades);
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < grades.Length; i++)
        {
            var rounded = Math.Ceiling(grades[i] * 1000) / 1000;
            if (rounded > 0)
            {
                result[Names[i]] = rounded;
            }
        }

        return result;
    }

    /// <summary>The descriptor tags: the descriptors graded above 0.5, in <see cref="Names"/> order.</summary>
    internal static List<string> Tags(TimbreInfo timbre, double? crestFactorDb, long clippedSamples, double stereoCorrelation, int channels)
    {
        Span<double> grades = stackalloc double[Names.Count];
        Grade(timbre, crestFactorDb, clippedSamples, stereoCorrelation, channels, grades);
        var tags = new List<string>();
        for (var i = 0; i < grades.Length; i++)
        {
            if (grades[i] > 0.5)
            {
                tags.Add(Names[i]);
            }
        }

        return tags;
    }

    /// <summary>Fills <paramref name="grades"/> (one per <see cref="Names"/> entry) from the measurements.</summary>
    internal static void Grade(TimbreInfo t, double? crestFactorDb, long clippedSamples, double stereoCorrelation, int channels, Span<double> grades)
    {
        var centroid = t.CentroidHz.Mean;
        var flatness = t.Flatness.Mean;

        // bright: centroid above 3 kHz.
        grades[0] = Rise(centroid, 3000, 1500);

        // dark: centroid below 800 Hz (a silent sample, centroid 0, is not dark).
        grades[1] = centroid > 0 ? Fall(centroid, 800, 400) : 0;

        // warm: centroid between 300 Hz and 1.8 kHz, more than 85 % of the energy below 4 kHz, more than 25 % below 250 Hz.
        grades[2] = Min(
            Rise(centroid, 300, 100),
            Fall(centroid, 1800, 500),
            Rise(t.LowEnergy + t.MidEnergy, 0.85, 0.1),
            Rise(t.LowEnergy, 0.25, 0.1));

        // noisy: spectral flatness above 0.25.
        grades[3] = Rise(flatness, 0.25, 0.1);

        // punchy: attack under 10 ms and a crest factor above 12 dB.
        grades[4] = crestFactorDb is { } crest ? Math.Min(Fall(t.AttackSeconds, 0.01, 0.01), Rise(crest, 12, 4)) : 0;

        // distorted: clipped samples, or a crest factor under 6 dB with a flatness above 0.1.
        grades[5] = clippedSamples > 0
            ? 1
            : crestFactorDb is { } c ? Math.Min(Fall(c, 6, 3), Rise(flatness, 0.1, 0.05)) : 0;

        // sub-heavy: more than 35 % of the energy below 100 Hz.
        grades[6] = Rise(t.SubEnergy, 0.35, 0.15);

        // wide: a stereo width above 0.3.
        grades[7] = channels > 1 ? Rise(t.StereoWidth, 0.3, 0.2) : 0;

        // mono-compatible: mono, or a left/right correlation above 0.3.
        grades[8] = channels > 1 ? Rise(stereoCorrelation, 0.3, 0.5) : 1;
    }

    /// <summary>0 at <c>threshold - halfWidth</c> and below, 1 at <c>threshold + halfWidth</c> and above, 0.5 at the threshold.</summary>
    private static double Rise(double value, double threshold, double halfWidth) =>
        double.IsNaN(value) ? 0 : Math.Clamp(0.5 + ((value - threshold) / (2 * halfWidth)), 0, 1);

    /// <summary>1 at <c>threshold - halfWidth</c> and below, 0 at <c>threshold + halfWidth</c> and above, 0.5 at the threshold.</summary>
    private static double Fall(double value, double threshold, double halfWidth) =>
        double.IsNaN(value) ? 0 : Math.Clamp(0.5 - ((value - threshold) / (2 * halfWidth)), 0, 1);

    private static double Min(double a, double b, double c, double d) => Math.Min(Math.Min(a, b), Math.Min(c, d));
}
