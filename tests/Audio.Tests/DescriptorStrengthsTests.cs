using SampleMind.Audio.Analysis;
using SampleMind.Audio.Tests.Signals;
using SampleMind.TestSupport;

namespace SampleMind.Audio.Tests;

public sealed class DescriptorStrengthsTests
{
    private static readonly AudioAnalyzer s_analyzer = new();

    private static int Index(string name) => DescriptorStrengths.Names.ToList().IndexOf(name);

    private static TimbreInfo Timbre(double centroid = 1000, double flatness = 0.05, double attack = 0.05, double width = 0,
        double low = 0.2, double mid = 0.6, double sub = 0.05) => new()
        {
            CentroidHz = new(centroid, 0),
            RolloffHz = new(centroid * 2, 0),
            Flatness = new(flatness, 0),
            BandwidthHz = new(1000, 0),
            ContrastDb = [],
            MfccMean = [],
            MfccStd = [],
            AttackSeconds = attack,
            DecaySeconds = 0.5,
            StereoWidth = width,
            LowEnergy = low,
            MidEnergy = mid,
            HighEnergy = 1 - low - mid,
            SubEnergy = sub,
            ZeroCrossingRate = 0.1,
            OnsetRate = 1,
            Tags = [],
        };

    private static double[] Grades(TimbreInfo timbre, double? crest = 10, long clipped = 0, double correlation = 1, int channels = 1)
    {
        var grades = new double[DescriptorStrengths.Names.Count];
        DescriptorStrengths.Grade(timbre, crest, clipped, correlation, channels, grades);
        return grades;
    }

    [Fact]
    public void Brightness_rises_with_the_centroid_and_is_one_half_at_the_tag_threshold()
    {
        var bright = Index("bright");
        var dark = Index("dark");
        double[] centroids = [0, 300, 800, 1500, 2000, 3000, 4000, 4500, 9000];
        var brightness = centroids.Select(c => Grades(Timbre(centroid: c))[bright]).ToArray();
        Assert.Equal(brightness.Order(), brightness);
        Assert.Equal(0, brightness[3]);
        Assert.Equal(0.5, brightness[5], 9);
        Assert.Equal(1, brightness[7]);

        var darkness = centroids.Select(c => Grades(Timbre(centroid: c))[dark]).ToArray();
        Assert.Equal(0, darkness[0]); // a silent sample (no centroid) is not dark
        Assert.Equal(1, darkness[1]);
        Assert.Equal(0.5, darkness[2], 9);
        Assert.Equal(0, darkness[4]);
        Assert.Equal(0, Grades(Timbre(centroid: double.NaN))[bright]);
    }

    [Fact]
    public void Descriptors_of_several_conditions_take_the_weakest_and_channels_decide_width()
    {
        var punchy = Index("punchy");
        Assert.Equal(1, Grades(Timbre(attack: 0), crest: 16)[punchy]);
        Assert.Equal(0.5, Grades(Timbre(attack: 0), crest: 12)[punchy], 9); // the crest factor holds it back
        Assert.Equal(0, Grades(Timbre(attack: 0.02), crest: 20)[punchy]);
        Assert.Equal(0, Grades(Timbre(attack: 0), crest: null)[punchy]); // digital silence has no crest factor

        var distorted = Index("distorted");
        Assert.Equal(1, Grades(Timbre(), crest: 20, clipped: 3)[distorted]);
        Assert.Equal(0, Grades(Timbre(flatness: 0.3), crest: 9)[distorted]);
        Assert.True(Grades(Timbre(flatness: 0.3), crest: 4)[distorted] > 0.5);

        var wide = Index("wide");
        var mono = Index("mono-compatible");
        var monoGrades = Grades(Timbre(width: 0.9), channels: 1);
        Assert.Equal(0, monoGrades[wide]);
        Assert.Equal(1, monoGrades[mono]);
        var stereo = Grades(Timbre(width: 0.5), correlation: -0.2, channels: 2);
        Assert.Equal(1, stereo[wide]);
        Assert.Equal(0, stereo[mono]);
    }

    [Fact]
    public void An_analysis_without_timbre_has_no_grades()
    {
        var tone = SignalFactory.Sine(440, 1.0, 44100);
        Assert.Null(DescriptorStrengths.Of(s_analyzer.Analyze(tone, 44100, 1, AnalysisLevel.Fast)));
        var grades = DescriptorStrengths.Of(s_analyzer.Analyze(tone, 44100, 1, AnalysisLevel.Standard));
        Assert.NotNull(grades);
        Assert.Equal(1, grades["mono-compatible"]);
        Assert.False(grades.ContainsKey("wide")); // zero grades are left out
    }

    [SharedDataFact]
    public void Real_samples_carry_a_tag_exactly_where_its_grade_is_above_one_half_and_grades_follow_the_centroid()
    {
        var files = Directory.EnumerateFiles(RepoPaths.SamplesDev, "*.wav", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Where((_, i) => i % 3 == 0)
            .ToArray();
        var byCentroid = new List<(double Centroid, double Bright)>();
        var tagged = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            SampleAnalysis analysis;
            try
            {
                analysis = s_analyzer.AnalyzeFile(file, AnalysisLevel.Standard);
            }
            catch (Errors.AudioException)
            {
                continue;
            }

            var grades = DescriptorStrengths.Of(analysis)!;
            Assert.All(grades.Values, g => Assert.InRange(g, 0.001, 1));
            var above = DescriptorStrengths.Names.Where(n => grades.GetValueOrDefault(n) > 0.5).ToArray();
            Assert.True(above.SequenceEqual(analysis.Timbre!.Tags), $"{file}: tags {string.Join(",", analysis.Timbre.Tags)}, grades {string.Join(",", grades)}");
            foreach (var tag in above)
            {
                tagged[tag] = tagged.GetValueOrDefault(tag) + 1;
            }

            byCentroid.Add((analysis.Timbre.CentroidHz.Mean, grades.GetValueOrDefault("bright")));
        }

        Assert.True(byCentroid.Count > files.Length * 0.95, $"{byCentroid.Count} of {files.Length} analysed");
        Assert.True(tagged.Count >= 5, $"descriptors tagged: {string.Join(", ", tagged)}");
        var ordered = byCentroid.OrderBy(s => s.Centroid).Select(s => s.Bright).ToArray();
        Assert.Equal(ordered.Order(), ordered);

        // Graded, not two-valued: many samples lie between "not at all" and "fully".
        Assert.True(ordered.Count(b => b is > 0 and < 1) > 20, $"{ordered.Count(b => b is > 0 and < 1)} partly bright");
    }
}
