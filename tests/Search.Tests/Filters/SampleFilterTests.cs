using SampleMind.Search.Filters;

namespace SampleMind.Search.Tests.Filters;

public sealed class SampleFilterTests
{
    private static readonly string[] s_defects = ["clipping", "dc-offset", "click"];
    private static readonly string[] s_tags = ["dark", "punchy", "kick", "bass"];

    [Theory]
    [InlineData(140, true)]
    [InlineData(141.5, true)]
    [InlineData(70, true)]
    [InlineData(280, true)]
    [InlineData(100, false)]
    [InlineData(150, false)]
    public void Tempo_matches_with_tolerance_and_half_or_double_time(double bpm, bool expected)
    {
        var filter = new SampleFilter { MinBpm = 140, MaxBpm = 140 };
        Assert.Equal(expected, filter.MatchesBpm(bpm));
    }

    [Fact]
    public void Half_and_double_time_can_be_turned_off() =>
        Assert.False(new SampleFilter { MinBpm = 140, MaxBpm = 140, HalfDoubleTime = false }.MatchesBpm(70));

    [Fact]
    public void Unknown_features_fail_conditions_on_them()
    {
        var sample = new SampleFeatures("x");
        Assert.False(new SampleFilter { Key = CamelotKey.Parse("8A") }.Matches(sample));
        Assert.False(new SampleFilter { MinBpm = 100 }.Matches(sample));
        Assert.True(SampleFilter.None.Matches(sample));
    }

    [Fact]
    public void Compiled_filters_agree_with_direct_matching_on_random_samples()
    {
        var random = new Random(5);
        var table = new FeatureTable();
        var samples = Enumerable.Range(0, 400).Select(i => RandomSample(random, i)).ToArray();
        for (var i = 0; i < samples.Length; i++)
        {
            table.Set(i, samples[i]);
        }

        for (var f = 0; f < 60; f++)
        {
            var filter = RandomFilter(random);
            var compiled = table.Compile(filter);
            for (var i = 0; i < samples.Length; i++)
            {
                Assert.Equal(filter.Matches(samples[i]), compiled.Matches(i));
            }
        }
    }

    private static SampleFeatures RandomSample(Random r, int i) => new("s" + i)
    {
        Key = r.Next(4) == 0 ? null : CamelotKey.FromCode(r.Next(24)),
        Bpm = r.Next(5) == 0 ? null : 60 + r.Next(150),
        Type = (SampleType)r.Next(3),
        DurationSeconds = r.NextDouble() * 8,
        LoudnessLufs = -30 + (r.NextDouble() * 25),
        Defects = [.. s_defects.Where(_ => r.Next(4) == 0)],
        Tags = [.. s_tags.Where(_ => r.Next(2) == 0)],
        Labels = r.Next(3) == 0 ? ["fav"] : [],
    };

    private static SampleFilter RandomFilter(Random r) => new()
    {
        Key = r.Next(2) == 0 ? CamelotKey.FromCode(r.Next(24)) : null,
        KeyMatch = (KeyMatch)r.Next(3),
        MinBpm = r.Next(2) == 0 ? 80 + r.Next(60) : null,
        MaxBpm = r.Next(2) == 0 ? 120 + r.Next(60) : null,
        Type = r.Next(3) == 0 ? (SampleType)r.Next(1, 3) : null,
        MaxDurationSeconds = r.Next(3) == 0 ? r.NextDouble() * 8 : null,
        MinLoudnessLufs = r.Next(3) == 0 ? -25 : null,
        ExcludedDefects = r.Next(2) == 0 ? [s_defects[r.Next(3)]] : [],
        RequiredTags = r.Next(2) == 0 ? [s_tags[r.Next(4)]] : [],
        RequiredLabels = r.Next(4) == 0 ? ["fav"] : [],
    };
}
