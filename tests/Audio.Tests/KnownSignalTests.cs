using SampleMind.Audio.Tests.Signals;

namespace SampleMind.Audio.Tests;

public sealed class KnownSignalTests
{
    private static readonly AudioAnalyzer s_analyzer = new();

    [Fact]
    public void Tone_at_440_hz_is_a4_within_one_cent()
    {
        var tone = SignalFactory.Sine(440, 1.0, 44100);

        var analysis = s_analyzer.Analyze(tone, 44100, 1, AnalysisLevel.Standard);

        Assert.NotNull(analysis.Pitch);
        Assert.Equal("A4", analysis.Pitch.Note);
        Assert.Equal(69, analysis.Pitch.MidiNote);
        Assert.InRange(analysis.Pitch.Cents, -1, 1);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(120)]
    [InlineData(128)]
    [InlineData(140)]
    public void Click_track_tempo_is_found_within_half_a_bpm(double bpm)
    {
        var clicks = SignalFactory.ClickTrack(bpm, 20, 44100);

        var analysis = s_analyzer.Analyze(clicks, 44100, 1, AnalysisLevel.Standard);

        Assert.NotNull(analysis.Tempo);
        Assert.InRange(analysis.Tempo.Bpm, bpm - 0.5, bpm + 0.5);
        Assert.True(analysis.Loop!.IsLoop, analysis.Loop.Reason);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(7, false)]
    [InlineData(9, true)]
    [InlineData(2, true)]
    public void I_IV_V_I_progression_is_in_its_key(int tonic, bool minor)
    {
        var music = SignalFactory.Progression(tonic, minor, [0, 3, 4, 0], 110, 22050, seed: tonic);

        var analysis = s_analyzer.Analyze(music, 22050, 1, AnalysisLevel.Standard);

        Assert.NotNull(analysis.Key);
        Assert.Equal(tonic, analysis.Key.Best.TonicPitchClass);
        Assert.Equal(minor ? KeyMode.Minor : KeyMode.Major, analysis.Key.Best.Mode);
    }

    [Fact]
    public void Clipped_sine_reports_clipping_at_the_right_times()
    {
        const int Rate = 44100;
        var x = SignalFactory.Sine(220, 3, Rate, 0.5);
        for (var n = Rate; n < (int)(1.5 * Rate); n++)
        {
            x[n] = Math.Clamp(x[n] * 4, -1f, 1f);
        }

        var analysis = s_analyzer.Analyze(x, Rate, 1, AnalysisLevel.Standard);

        var clipping = Assert.Single(analysis.Defects!.Defects, d => d.Kind == DefectKind.Clipping);
        Assert.NotEmpty(clipping.Ranges);
        Assert.All(clipping.Ranges, r =>
        {
            Assert.InRange(r.Start, 0.99, 1.51);
            Assert.InRange(r.End, 0.99, 1.51);
        });
        Assert.InRange(clipping.Ranges.Min(r => r.Start), 0.99, 1.01);
        Assert.InRange(clipping.Ranges.Max(r => r.End), 1.49, 1.51);
    }

    [Fact]
    public void Pink_noise_scaled_to_minus_23_lufs_measures_minus_23()
    {
        const int Rate = 48000;
        var noise = SignalFactory.PinkNoise(10, Rate, seed: 23);
        var first = s_analyzer.Analyze(noise, Rate, 1, AnalysisLevel.Fast).Loudness.IntegratedLufs!.Value;
        var gain = (float)Math.Pow(10, (-23 - first) / 20);
        for (var i = 0; i < noise.Length; i++)
        {
            noise[i] *= gain;
        }

        var measured = s_analyzer.Analyze(noise, Rate, 1, AnalysisLevel.Fast).Loudness;

        Assert.InRange(measured.IntegratedLufs!.Value, -23.1, -22.9);
        Assert.NotNull(measured.TruePeakDbtp);
        Assert.True(measured.TruePeakDbtp >= measured.SamplePeakDbfs - 1e-9);
    }

    [Fact]
    public void Generated_tonal_pieces_reach_a_mirex_key_score_of_0_8()
    {
        int[][] major = [[0, 5, 3, 4], [0, 3, 4, 0], [0, 4, 5, 3]];
        int[][] minor = [[0, 3, 4, 0], [0, 6, 5, 4]];
        var random = new Random(12);
        var score = 0.0;
        for (var i = 0; i < 12; i++)
        {
            var isMinor = i % 2 == 1;
            var tonic = (i * 5) % 12;
            var degrees = isMinor ? minor[random.Next(minor.Length)] : major[random.Next(major.Length)];
            var music = SignalFactory.Progression(tonic, isMinor, degrees, 80 + random.Next(60), 22050, seed: i);
            var best = s_analyzer.Analyze(music, 22050, 1, AnalysisLevel.Standard).Key!.Best;
            score += MirexScore(best.TonicPitchClass, best.Mode == KeyMode.Minor, tonic, isMinor);
        }

        Assert.True(score / 12 >= 0.8, $"MIREX score {score / 12:0.000}");
    }

    private static double MirexScore(int tonic, bool minor, int refTonic, bool refMinor) =>
        (tonic == refTonic && minor == refMinor) ? 1
        : (minor == refMinor && ((tonic - refTonic + 12) % 12 is 5 or 7)) ? 0.5
        : (!refMinor && minor && tonic == (refTonic + 9) % 12) || (refMinor && !minor && tonic == (refTonic + 3) % 12) ? 0.3
        : tonic == refTonic ? 0.2 : 0;
}
